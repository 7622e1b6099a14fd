/**
 * What a model says when it refuses. Models throw these and know nothing of
 * HTTP; app/http/refusals.server.ts is the one place that turns them into a
 * status, a message next to a form field, or a JSON error.
 *
 * Every refusal has a message and may name the form field it is about
 * (`new Conflict("status", "This idea is already planned.")`): a page that
 * shows that form puts the message next to the field and keeps what was
 * typed; anywhere else it is an error page with the message.
 */

import { isUniqueViolation } from "~db/engine.server";

/** A message per form field; "form" is for the form as a whole. */
export type FieldMessages = Partial<Record<string, string>>;

type Args = [message: string] | [field: string | null, message: string];

export abstract class DomainError extends Error {
  /** The fields this is about, each with its message; empty when it is about the request as a whole. */
  readonly fields: FieldMessages = {};

  constructor(...args: Args) {
    const [field, message] = args.length === 1 ? [null, args[0]] : args;
    super(message);
    this.name = new.target.name;
    if (field !== null) this.fields[field] = message;
  }

  /** The same refusal about one more field (a username and an email both taken). */
  and(field: string, message: string): this {
    this.fields[field] = message;
    return this;
  }
}

/** What was sent can't be used as it is: a value out of range, a choice that doesn't exist. */
export class Invalid extends DomainError {}

/** Only someone signed in may do this. */
export class SignInRequired extends DomainError {}

/** This person may not do this. */
export class Forbidden extends DomainError {}

/** There is no such thing, or not one this person may see. */
export class NotFound extends DomainError {}

/** The thing is not in a state that allows it: already done, changed meanwhile, a name taken. */
export class Conflict extends DomainError {}

/** Too much in too short a time; `retryAfterSeconds` says when trying again can work. */
export class RateLimited extends DomainError {
  constructor(
    field: string | null,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(field, message);
  }
}

/**
 * Throws the refusal unless `condition` holds, so models read top to bottom:
 * `ensure(thread, NotFound, "We couldn't find that thread.")`,
 * `ensure(from !== to, Conflict, "status", "This idea is already planned.")`.
 */
export function ensure<A extends unknown[]>(condition: unknown, Refusal: new (...args: A) => DomainError, ...args: A): asserts condition {
  if (!condition) throw new Refusal(...args);
}

/**
 * Runs `write`, whose "already taken" check (a name, a slug, an email) ran
 * before it: when another request took the same key between that check and
 * the write, the unique index refuses the write, and this answers with the
 * refusal `taken` finds now (the check's own message) instead of a 500.
 */
export async function refusingTaken<T>(write: () => Promise<T>, taken: () => Promise<DomainError | null>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw (await taken()) ?? error;
  }
}
