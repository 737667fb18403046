/**
 * RFC 9457 problem details. Every error the api answers is one of these, served as
 * application/problem+json; `type` is a stable URI a client can branch on.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

const base = 'https://jixiao.example/problems/';

/** Thrown anywhere in the api to answer with a given problem. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
  }
}

export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  return new ProblemException({ type: base + slug, title, status, detail, ...extensions });
}
