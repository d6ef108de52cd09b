import { Construct } from "constructs";
import { ConsumptionBudgetResourceGroup } from "../providers/azurerm/consumption-budget-resource-group";
import { BudgetContactRole } from "./budget-contact-role";
import { checkPositive, isUnresolved } from "./checks";
import { nameFromPath } from "./names";
import { ValidationError } from "./validation-error";

/**
 * The budget's start when none is given: the first day of the month in which Terraform creates
 * it, evaluated at apply time (`timestamp()`), so a first deployment in any month is accepted and
 * synthesis stays deterministic (the output holds the expression, not a date). `time_period` is in
 * `ignore_changes`, so the start recorded at creation stays (HashiCorp's documented use of
 * `timestamp()` with `ignore_changes`).
 */
export const BUDGET_START_AT_CREATION = "${formatdate(\"YYYY-MM-01'T'00:00:00Z\", timestamp())}";

export interface PlatformBudgetProps {
  /** The resource group whose costs the budget tracks. */
  readonly resourceGroupId: string;
  /** The monthly amount, USD. */
  readonly amountUsd: number;
  /**
   * 1-63 letters, digits, hyphens and underscores.
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * First day of the first month tracked, `YYYY-MM-01`. Azure accepts a past date only within the
   * current month and a future one up to twelve months ahead; existing budgets ignore a change
   * (`time_period` is in `ignore_changes`, since changing it replaces the budget).
   * @default - the first day of the month of the first apply (`BUDGET_START_AT_CREATION`)
   */
  readonly startDate?: string;
  /**
   * @default - none
   */
  readonly contactEmails?: readonly string[];
  /**
   * @default [BudgetContactRole.OWNER]
   */
  readonly contactRoles?: readonly BudgetContactRole[];
  /**
   * Azure Monitor action group ids to notify.
   * @default - none
   */
  readonly actionGroupIds?: readonly string[];
  /**
   * Notify when actual spend reaches this share of the amount, percent.
   * @default 80
   */
  readonly actualThresholdPercent?: number;
  /**
   * Notify when forecast spend reaches this share of the amount, percent.
   * @default 100
   */
  readonly forecastThresholdPercent?: number;
}

const BUDGET_NAME = /^[-_a-zA-Z0-9]{1,63}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const START_DATE = /^(\d{4})-(0[1-9]|1[0-2])-01$/;

/**
 * A monthly Azure budget on a resource group (`azurerm_consumption_budget_resource_group`) that
 * notifies its contacts when actual spend reaches 80% of the amount and when the forecast
 * reaches 100%.
 */
export class PlatformBudget extends Construct {
  public readonly resource: ConsumptionBudgetResourceGroup;
  public readonly amountUsd: number;
  /** `YYYY-MM-01`, or undefined when the start is taken at creation. */
  public readonly startDate?: string;
  public readonly actualThresholdPercent: number;
  public readonly forecastThresholdPercent: number;

  constructor(scope: Construct, id: string, props: PlatformBudgetProps) {
    super(scope, id);
    const name = props.name ?? nameFromPath(this, 63);
    const startDate = props.startDate;
    const contactEmails = props.contactEmails ?? [];
    const contactRoles = props.contactRoles ?? [BudgetContactRole.OWNER];
    const actionGroupIds = props.actionGroupIds ?? [];
    const actual = props.actualThresholdPercent ?? 80;
    const forecast = props.forecastThresholdPercent ?? 100;

    if (!isUnresolved(name) && !BUDGET_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 1-63 letters, digits, hyphens or underscores");
    }
    checkPositive(this, "amountUsd", props.amountUsd);
    if (startDate !== undefined && (!START_DATE.test(startDate) || startDate < "2017-06-01")) {
      throw new ValidationError(this, "startDate", startDate, "expected the first day of a month from 2017-06-01 on, as YYYY-MM-01");
    }
    for (const email of contactEmails) {
      if (!isUnresolved(email) && !EMAIL.test(email)) throw new ValidationError(this, "contactEmails", email, "expected an email address");
    }
    for (const role of contactRoles) {
      if (!Object.values(BudgetContactRole).includes(role)) {
        throw new ValidationError(this, "contactRoles", role, `expected one of ${Object.values(BudgetContactRole).map((r) => JSON.stringify(r)).join(", ")}`);
      }
    }
    if (contactEmails.length + contactRoles.length + actionGroupIds.length === 0) {
      throw new ValidationError(this, "contactRoles", [], "expected at least one contact email, role or action group: Azure requires one per notification");
    }
    for (const [property, value] of [["actualThresholdPercent", actual], ["forecastThresholdPercent", forecast]] as const) {
      if (!isUnresolved(value) && !(Number.isFinite(value) && value > 0 && value <= 1000)) {
        throw new ValidationError(this, property, value, "expected a percentage above 0 and at most 1000");
      }
    }

    const contacts = {
      contactEmails: contactEmails.length > 0 ? [...contactEmails] : undefined,
      contactRoles: contactRoles.length > 0 ? [...contactRoles] : undefined,
      contactGroups: actionGroupIds.length > 0 ? [...actionGroupIds] : undefined,
    };
    this.resource = new ConsumptionBudgetResourceGroup(this, "Resource", {
      name,
      resourceGroupId: props.resourceGroupId,
      amount: props.amountUsd,
      timeGrain: "Monthly",
      timePeriod: { startDate: startDate !== undefined ? `${startDate}T00:00:00Z` : BUDGET_START_AT_CREATION },
      notification: [
        { enabled: true, operator: "GreaterThanOrEqualTo", threshold: actual, thresholdType: "Actual", ...contacts },
        { enabled: true, operator: "GreaterThanOrEqualTo", threshold: forecast, thresholdType: "Forecasted", ...contacts },
      ],
      lifecycle: { ignoreChanges: ["time_period"] },
    });
    this.amountUsd = props.amountUsd;
    this.startDate = startDate;
    this.actualThresholdPercent = actual;
    this.forecastThresholdPercent = forecast;
  }
}
