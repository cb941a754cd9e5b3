// The WHATWG URL parser exists in every runtime core runs in (Node, browsers, workers), but core
// compiles with neither DOM nor Node types; this declares the part of it core uses.
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly href: string;
}
