// No imports: tier files (budget contacts) and PlatformBudget take the same enum.

/** Azure roles on the resource group whose holders a budget notifies. */
export enum BudgetContactRole {
  OWNER = "Owner",
  CONTRIBUTOR = "Contributor",
  READER = "Reader",
}
