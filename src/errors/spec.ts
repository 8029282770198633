// One MySQL/TiDB error: number, SQLSTATE and message template (printf-style %s/%d).

export interface ErrorSpec {
  readonly code: number;
  readonly state: string;
  readonly format: string;
}

export function spec(code: number, state: string, format: string): ErrorSpec {
  return { code, state, format };
}
