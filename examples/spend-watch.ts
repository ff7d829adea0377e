import { Duration } from 'aws-cdk-lib';
import { ModelPrice, TokenPrice } from '../src';

/*
 * What the example watches spend with. The prices are example figures in US dollars per million
 * tokens: use the prices of your own agreement and region, the estimate is only as good as they are.
 */

/** The model the example chatbot calls, priced. */
export const MODEL_PRICES: ModelPrice[] = [
  { model: 'openai.gpt-oss-120b', inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 },
];

/** Tokens to any other model are estimated at this price. */
export const OTHER_MODELS_PRICE: TokenPrice = { inputPerMillionTokens: 3, outputPerMillionTokens: 15 };

/** Each production project's monthly budget, in US dollars. */
export const MONTHLY_BUDGET_USD = 1000;

/** Each production project's estimated spend per hour above which the on-call is alerted. */
export const HOURLY_SPEND_ALARM_USD = 20;
export const SPEND_ALARM_WINDOW = Duration.hours(1);

/** Who receives budget notifications and cost anomaly summaries. */
export const FINOPS_EMAILS = ['finops@example.com'];

/** The cost centers the anomaly alerts watch (the taxonomy gives only their pattern). */
export const COST_CENTERS = ['CC-1001', 'CC-2002', 'CC-3003'];
