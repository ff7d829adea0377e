/**
 * How Bedrock retains the data of inference requests made through a project.
 *
 * The effective mode is the first one that is not `inherit` among the project's, the
 * account's and the model's default.
 */
export class DataRetention {
  /** Use the account's setting (the service's default for new projects). */
  public static readonly INHERIT = new DataRetention('inherit');

  /** Use the model's default retention. */
  public static readonly DEFAULT = new DataRetention('default');

  /** Retain no request data. */
  public static readonly NONE = new DataRetention('none');

  /** Share data with the model provider, as the provider's terms describe. */
  public static readonly PROVIDER_DATA_SHARE = new DataRetention('provider_data_share');

  /**
   * A mode this library does not name yet, passed to the service as it is
   * (for example `aws_review`, which the control-plane reference lists).
   *
   * @param mode the mode as the Projects API spells it
   */
  public static custom(mode: string): DataRetention {
    return new DataRetention(mode);
  }

  private constructor(
    /** The mode as the Projects API spells it. */
    public readonly mode: string,
  ) {}
}
