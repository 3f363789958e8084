/**
 * RoBERTa's FULL-SENTENCES packing: documents' tokens stream into sequences of at most
 * `maxLength` tokens, each `<s> … </s>`, documents separated by `</s>`, a long document running on
 * into the next sequence. Sequences are emitted as they fill, so memory holds one sequence.
 */
export class SequencePacker {
  private readonly capacity: number;
  private current: number[] = [];

  /**
   * @param maxLength - longest sequence, `<s>` and `</s>` included (≥ 3)
   * @param bos - id of `<s>`
   * @param eos - id of `</s>`
   * @param emit - receives each finished sequence
   */
  constructor(
    maxLength: number,
    private readonly bos: number,
    private readonly eos: number,
    private readonly emit: (sequence: Int32Array) => void,
  ) {
    this.capacity = maxLength - 2;
  }

  /** Adds one document's tokens (no special tokens). */
  add(tokens: ArrayLike<number>): void {
    if (tokens.length === 0) return;
    if (this.current.length > 0) this.push(this.eos);
    for (let i = 0; i < tokens.length; i++) this.push(tokens[i] as number);
  }

  /** Emits the last, partly filled sequence. */
  finish(): void {
    if (this.current.length > 0) this.flush();
  }

  private push(id: number): void {
    // a separator never starts a sequence
    if (this.current.length === 0 && id === this.eos) return;
    this.current.push(id);
    if (this.current.length === this.capacity) this.flush();
  }

  private flush(): void {
    const out = new Int32Array(this.current.length + 2);
    out[0] = this.bos;
    out.set(this.current, 1);
    out[out.length - 1] = this.eos;
    this.current = [];
    this.emit(out);
  }
}
