/**
 * What a model's tokens cost, in US dollars per million tokens.
 */
export interface TokenPrice {
  /**
   * US dollars per million input (prompt) tokens.
   */
  readonly inputPerMillionTokens: number;

  /**
   * US dollars per million output (completion) tokens.
   */
  readonly outputPerMillionTokens: number;
}

/**
 * The price of one model's tokens, in US dollars per million tokens, as the user's own price list
 * states it (Bedrock's prices differ per model, region and pricing tier).
 */
export interface ModelPrice extends TokenPrice {
  /**
   * The model, exactly as the `Model` dimension of the `AWS/BedrockMantle` metrics names it.
   */
  readonly model: string;
}
