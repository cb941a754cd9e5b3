/** What every benchmark reports; printed as the last line of its output and saved to results/NAME.json. */
export interface BenchResult {
  name: string;
  /** Unit of `ours` and `peerValue`. */
  unit: string;
  ours: number;
  /** The peer measured in the same process, with its version. */
  peer: string;
  peerValue: number;
  /** ours / peerValue for throughput units. */
  ratio: number;
  /** Minimum ratio to pass. */
  target: number;
  pass: boolean;
  details: Record<string, unknown>;
}
