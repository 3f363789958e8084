/**
 * The shares of the offline suites' train, dev and test splits (`uci-sentiment`, `sms-spam`): 70%
 * to train on, 15% to select on, 15% held out to report.
 *
 * @example
 * ```ts
 * stratifiedSplit(items, SUITE_SPLIT_FRACTIONS); // { train, dev, test }
 * ```
 */
export const SUITE_SPLIT_FRACTIONS = { train: 0.7, dev: 0.15, test: 0.15 } as const;
