/** One row of the ReleaseMessage table: something clients of `message` read has changed. */
export interface ReleaseMessage {
  /** The notification id clients are told. */
  id: number;
  /** `appId+cluster+namespace`, the key clients watch */
  message: string;
}
