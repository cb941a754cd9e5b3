// The WHATWG URL parser exists in every runtime core runs in (Node, browsers, workers), but core
// compiles with neither DOM nor Node types; this declares the part of it core uses.
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly host: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly href: string;
}

// The WHATWG text codecs, likewise everywhere core runs; packed alert requests use them.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input: Uint8Array): string;
}
declare class TextEncoder {
  encode(input: string): Uint8Array<ArrayBuffer>;
}
