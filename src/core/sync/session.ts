import { z } from 'zod';
import { ACCOUNT_ROLES } from './roles';
import { describeIssue, SyncIdSchema } from './protocol';

/**
 * Signing in to the team sync server, and keeping the sign-in. The refresh token (long-lived: it
 * makes new access tokens) stays with whoever runs the SessionBroker: the Electron main process on
 * the desktop, so a script that got into the desk's page can never read it; the page itself in a
 * plain browser, which has nowhere safer. The page gets access tokens only. The broker is pure
 * apart from the `post` and the keeper it is given.
 */

/** A team space the account belongs to. */
export const SyncSpaceSchema = z.object({
  id: SyncIdSchema,
  name: z.string().min(1).max(200),
});
export type SyncSpace = z.infer<typeof SyncSpaceSchema>;

/** The signed-in account, with the spaces it may sync. */
export const SyncUserSchema = z.object({
  id: z.string().min(1).max(200),
  email: z.string().max(254),
  name: z.string().max(200),
  role: z.enum(ACCOUNT_ROLES),
  spaces: z.array(SyncSpaceSchema).max(1000),
});
export type SyncUser = z.infer<typeof SyncUserSchema>;

/** What signing in or refreshing gives: a short-lived access token and the next refresh token. */
export const SessionSchema = z.object({
  accessToken: z.string().min(1).max(4096),
  accessExpiresAt: z.number().finite(),
  /** The server's clock when it answered (older servers leave it out). */
  serverTime: z.number().finite().optional(),
  refreshToken: z.string().min(1).max(512),
  user: SyncUserSchema,
});
export type Session = z.infer<typeof SessionSchema>;

/** A session as the desk's page gets it: everything but the refresh token. */
export interface DeskSession extends Omit<Session, 'refreshToken'> {
  /** Whether the sign-in is kept for the next start (false: for this session only). */
  kept: boolean;
}

/** A failure told in one sentence (plain data, like every failure here: it crosses IPC). */
interface FailureSentence<Kind extends string> {
  ok: false;
  kind: Kind;
  message: string;
}

/** Why a sign-in or refresh did not give a session. */
export type SessionFailure =
  /** The server answered with an error: `message` is its sentence. */
  | (FailureSentence<'server'> & {
      status: number;
      /** The answer's JSON body, or an empty object. */
      body: Record<string, unknown>;
    })
  /** The server's answer was not understood. */
  | FailureSentence<'answer'>
  /** No answer, or not in time. */
  | FailureSentence<'unreachable'>
  /** No sign-in is kept for that server. */
  | FailureSentence<'signed-out'>;

export type SessionOutcome = { ok: true; session: DeskSession } | SessionFailure;

/** The hosts a plain http:// server may have: the desk's CSP allows no other. */
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** The server address as typed, checked: https (or http on this computer), without extras. */
export function checkServerUrl(
  text: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const typed = text.trim();
  if (typed === '') {
    return { ok: false, message: 'Enter the address of your team’s sync server.' };
  }
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return {
      ok: false,
      message:
        'Write the address in full, starting with https://, for example https://sync.example.com.',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The address must start with https://.' };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      message:
        'Use https:// for a server on another computer; http:// is allowed only for localhost.',
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave the user name and password out of the address.' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'The address must not have a ? or # part.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The longest email address (RFC 5321's path limit) and password a sign-in sends. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

/** What is wrong with an email and password before they are sent, per field, in a sentence. */
export function checkSignIn(
  email: string,
  password: string,
): { email?: string; password?: string } | undefined {
  const problems: { email?: string; password?: string } = {};
  if (email.trim() === '') problems.email = 'Enter your email address.';
  else if (email.length > MAX_EMAIL_LENGTH)
    problems.email = `An email address has at most ${MAX_EMAIL_LENGTH} characters.`;
  if (password === '') problems.password = 'Enter your password.';
  else if (password.length > MAX_PASSWORD_LENGTH)
    problems.password = `A password has at most ${MAX_PASSWORD_LENGTH.toLocaleString('en-US')} characters.`;
  return problems.email || problems.password ? problems : undefined;
}

/** A server address as checkServerUrl writes it (what crosses IPC; nothing else does). */
export const ServerUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    const checked = checkServerUrl(text);
    return checked.ok && checked.url === text;
  }, 'must be a sync server address: https://, or http:// on localhost, without extras');

/** The sentence for a server that did not answer (in time). */
export function unreachableSentence(url: string, timedOutAfterMs?: number): string {
  const host = new URL(url).host;
  return timedOutAfterMs === undefined
    ? `The sync server ${host} could not be reached.`
    : `The sync server ${host} did not answer within ${Math.round(timedOutAfterMs / 1000)} seconds.`;
}

const ErrorAnswerSchema = z.object({ error: z.string().min(1).max(1000) });

/**
 * Reads a server's answer: the value when the status is 2xx and the body fits `schema` (no
 * schema: a body is not needed), else why not, in a sentence. `what` names the call ("the push").
 */
export function readAnswer<T>(
  status: number,
  text: string,
  schema: z.ZodType<T> | undefined,
  what: string,
): { ok: true; value: T } | Extract<SessionFailure, { kind: 'server' | 'answer' }> {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status < 200 || status > 299) {
    const error = ErrorAnswerSchema.safeParse(json);
    const body =
      typeof json === 'object' && json !== null && !Array.isArray(json)
        ? (json as Record<string, unknown>)
        : {};
    return {
      ok: false,
      kind: 'server',
      status,
      message: error.success
        ? error.data.error
        : `The sync server answered ${what} with ${status}.`,
      body,
    };
  }
  if (!schema) return { ok: true, value: undefined as T };
  const answer = schema.safeParse(json);
  if (!answer.success) {
    return {
      ok: false,
      kind: 'answer',
      message: `The sync server’s answer to ${what} was not understood (${describeIssue(answer.error)}).`,
    };
  }
  return { ok: true, value: answer.data };
}

/**
 * POSTs a JSON body; resolves the answer's status and text, or rejects with an Error whose
 * message says the server could not be reached (see unreachableSentence).
 */
export type SessionPost = (
  url: string,
  body: unknown,
  timeoutMs?: number,
) => Promise<{ status: number; text: string }>;

/** A kept sign-in: the refresh token and the server that issued it (and only it gets it back). */
export const KeptSignInSchema = z.object({
  serverUrl: ServerUrlSchema,
  refreshToken: z.string().min(1).max(512),
});
export type KeptSignIn = z.infer<typeof KeptSignInSchema>;

/** Where a sign-in is kept between sessions. */
export interface SignInKeeper {
  /** The kept sign-in, or null (none, or unreadable). */
  load(): Promise<KeptSignIn | null>;
  /** Keeps it, or forgets it with null; false when it could not be kept beyond this session. */
  save(kept: KeptSignIn | null): Promise<boolean>;
}

/** A keeper in memory (tests, and a desk with nowhere safe to keep a sign-in). */
export function memorySignInKeeper(initial: KeptSignIn | null = null): SignInKeeper {
  let kept = initial;
  return {
    load: async () => kept,
    save: async (next) => {
      kept = next;
      return true;
    },
  };
}

/** How long the sign-out may take: it is a courtesy to the server, the desk forgets regardless. */
const SIGN_OUT_TIMEOUT_MS = 5_000;

/** What the sync engine asks of whoever keeps the sign-in (a SessionBroker, here or over IPC). */
export interface SessionPort {
  /** Signs in; on success the sign-in is kept (for this server) in place of any other. */
  signIn(serverUrl: string, email: string, password: string): Promise<SessionOutcome>;
  /** A new access token from the sign-in kept for this server; a refused one is forgotten. */
  refresh(serverUrl: string): Promise<SessionOutcome>;
  /** Forgets the kept sign-in and ends it on its server when that can be reached. */
  signOut(): Promise<void>;
  /** Whether a sign-in is kept for this server. */
  hasSignIn(serverUrl: string): Promise<boolean>;
}

/**
 * Signs in, refreshes and signs out, keeping the refresh token to itself. Calls run one at a
 * time: two refreshes at once would send the same token twice, and the server takes it once.
 */
export class SessionBroker implements SessionPort {
  /** The kept sign-in once read; undefined before. */
  private kept: KeptSignIn | null | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly post: SessionPost,
    private readonly keeper: SignInKeeper,
  ) {}

  signIn(serverUrl: string, email: string, password: string): Promise<SessionOutcome> {
    return this.serially(async () => {
      const answer = await this.call(
        serverUrl,
        '/v1/auth/sign-in',
        { email, password },
        'the sign-in',
      );
      return answer.ok ? this.keep(serverUrl, answer.value) : answer;
    });
  }

  refresh(serverUrl: string): Promise<SessionOutcome> {
    return this.serially(async () => {
      const kept = await this.current();
      if (!kept || kept.serverUrl !== serverUrl) {
        return { ok: false, kind: 'signed-out', message: 'Sign in to sync with your team again.' };
      }
      const answer = await this.call(
        serverUrl,
        '/v1/auth/refresh',
        { refreshToken: kept.refreshToken },
        'the session refresh',
      );
      if (answer.ok) return this.keep(serverUrl, answer.value);
      if (answer.kind === 'server' && answer.status === 401) await this.forget();
      return answer;
    });
  }

  signOut(): Promise<void> {
    return this.serially(async () => {
      const kept = await this.current();
      await this.forget();
      if (!kept) return;
      try {
        await this.post(
          `${kept.serverUrl}/v1/auth/sign-out`,
          { refreshToken: kept.refreshToken },
          SIGN_OUT_TIMEOUT_MS,
        );
      } catch {
        // Unreachable: the sign-in is forgotten here all the same.
      }
    });
  }

  hasSignIn(serverUrl: string): Promise<boolean> {
    return this.serially(async () => (await this.current())?.serverUrl === serverUrl);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async current(): Promise<KeptSignIn | null> {
    if (this.kept === undefined) {
      try {
        this.kept = await this.keeper.load();
      } catch {
        this.kept = null;
      }
    }
    return this.kept;
  }

  private async call(
    serverUrl: string,
    path: string,
    body: unknown,
    what: string,
  ): Promise<
    | { ok: true; value: Session }
    | Extract<SessionFailure, { kind: 'server' | 'answer' | 'unreachable' }>
  > {
    let answer: { status: number; text: string };
    try {
      answer = await this.post(`${serverUrl}${path}`, body);
    } catch (error) {
      return {
        ok: false,
        kind: 'unreachable',
        message: error instanceof Error ? error.message : unreachableSentence(serverUrl),
      };
    }
    return readAnswer(answer.status, answer.text, SessionSchema, what);
  }

  private async keep(serverUrl: string, session: Session): Promise<SessionOutcome> {
    const { refreshToken, ...rest } = session;
    this.kept = { serverUrl, refreshToken };
    let kept: boolean;
    try {
      kept = await this.keeper.save(this.kept);
    } catch {
      kept = false;
    }
    return { ok: true, session: { ...rest, kept } };
  }

  private async forget(): Promise<void> {
    this.kept = null;
    try {
      await this.keeper.save(null);
    } catch {
      // Nothing kept can be removed; the sign-in is forgotten in memory.
    }
  }
}
