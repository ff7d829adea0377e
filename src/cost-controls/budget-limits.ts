import { Token } from 'aws-cdk-lib';

/*
 * AWS Budgets' own limits (Budgets API reference: BudgetName, NotificationWithSubscribers,
 * Notification), checked at synth so that a deployment never fails on them.
 */

/** Longest budget name. */
export const MAX_BUDGET_NAME_LENGTH = 100;

/**
 * Most notifications per budget this library lets through. AWS's references disagree: the
 * CreateBudget API reference and CloudFormation's say "up to five notifications", some newer SDK
 * references ten. Five is accepted under either, so more fails synthesis rather than risk a
 * refused deployment.
 */
export const MAX_NOTIFICATIONS_PER_BUDGET = 5;

/** Most email subscribers per notification (with at most one SNS topic, 11 subscribers in all). */
export const MAX_EMAIL_SUBSCRIBERS = 10;

/** Problems with a budget name, as sentences without a subject. */
export function budgetNameProblems(name: string): string[] {
  if (Token.isUnresolved(name)) {
    return [];
  }
  const problems: string[] = [];
  if (name.length < 1 || name.length > MAX_BUDGET_NAME_LENGTH) {
    problems.push(`budgetName '${name}' has ${name.length} characters; AWS Budgets accepts 1 to ${MAX_BUDGET_NAME_LENGTH}`);
  }
  if (/[:\\]/.test(name)) {
    problems.push(`budgetName '${name}' contains ':' or '\\', which AWS Budgets does not accept; remove them`);
  }
  if (name.includes('/action/')) {
    problems.push(`budgetName '${name}' contains '/action/', which AWS Budgets reserves; rename it`);
  }
  return problems;
}

/** Problems with a list of email subscribers, as sentences without a subject. */
export function emailProblems(emails: string[], max: number): string[] {
  const problems: string[] = [];
  if (emails.length > max) {
    problems.push(`has ${emails.length} email subscribers but AWS allows at most ${max}; use an SNS topic for a longer list`);
  }
  const seen = new Set<string>();
  for (const email of emails) {
    if (Token.isUnresolved(email)) {
      continue;
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      problems.push(`email subscriber '${email}' is not an email address`);
    }
    if (seen.has(email.toLowerCase())) {
      problems.push(`email subscriber '${email}' is listed twice`);
    }
    seen.add(email.toLowerCase());
  }
  return problems;
}
