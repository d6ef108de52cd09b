import { Testing } from "cdktf";
import { BUDGET_START_AT_CREATION, PlatformBudget, PlatformBudgetProps } from "../../constructs/platform-budget";
import { onlyResource, synthJson, testStack } from "../helpers";
import { BudgetContactRole } from "../../constructs/budget-contact-role";

const RG = "/subscriptions/s/resourceGroups/omega-test";

function synthBudget(props: Partial<PlatformBudgetProps> = {}) {
  const { stack } = testStack();
  const budget = new PlatformBudget(stack, "Budget", { resourceGroupId: RG, amountUsd: 500, ...props });
  return { budget, resource: onlyResource(synthJson(stack), "azurerm_consumption_budget_resource_group") };
}

function build(props: Partial<PlatformBudgetProps>): () => PlatformBudget {
  return () => {
    const { stack } = testStack();
    return new PlatformBudget(stack, "Budget", { resourceGroupId: RG, amountUsd: 500, ...props });
  };
}

describe("PlatformBudget", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new PlatformBudget(stack, "Budget", { resourceGroupId: RG, amountUsd: 500 });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { resource, budget } = synthBudget();

    test("a monthly budget of the amount on the resource group, named from the path", () => {
      expect(resource).toMatchObject({ name: "test-budget", resource_group_id: RG, amount: 500, time_grain: "Monthly" });
      expect(budget.amountUsd).toBe(500);
    });

    test("starts on the first of the month of the first apply (never a constant that expires, never the synthesis date) and ignores later changes", () => {
      expect(resource.time_period).toEqual({ start_date: "${formatdate(\"YYYY-MM-01'T'00:00:00Z\", timestamp())}" });
      expect(resource.time_period.start_date).toBe(BUDGET_START_AT_CREATION);
      expect(resource.lifecycle).toEqual({ ignore_changes: ["time_period"] });
      expect(budget.startDate).toBeUndefined();
    });

    test("notifies the owners at 80% actual and 100% forecast", () => {
      expect(resource.notification).toEqual([
        { enabled: true, operator: "GreaterThanOrEqualTo", threshold: 80, threshold_type: "Actual", contact_roles: ["Owner"] },
        { enabled: true, operator: "GreaterThanOrEqualTo", threshold: 100, threshold_type: "Forecasted", contact_roles: ["Owner"] },
      ]);
    });
  });

  describe("overrides", () => {
    test("emails, roles and action groups get both notifications", () => {
      const { resource } = synthBudget({
        contactEmails: ["finops@example.com"],
        contactRoles: [BudgetContactRole.OWNER, BudgetContactRole.CONTRIBUTOR],
        actionGroupIds: ["/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/finops"],
      });
      for (const notification of resource.notification) {
        expect(notification).toMatchObject({
          contact_emails: ["finops@example.com"],
          contact_roles: ["Owner", "Contributor"],
          contact_groups: ["/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/finops"],
        });
      }
    });

    test("emails alone, with no roles", () => {
      const { resource } = synthBudget({ contactEmails: ["finops@example.com"], contactRoles: [] });
      expect(resource.notification[0].contact_roles).toBeUndefined();
      expect(resource.notification[0].contact_emails).toEqual(["finops@example.com"]);
    });

    test("thresholds, start date and name", () => {
      const { resource } = synthBudget({ actualThresholdPercent: 90, forecastThresholdPercent: 110, startDate: "2027-01-01", name: "omega-staging-budget" });
      expect(resource.notification.map((n: { threshold: number }) => n.threshold)).toEqual([90, 110]);
      expect(resource.time_period).toEqual({ start_date: "2027-01-01T00:00:00Z" });
      expect(resource.name).toBe("omega-staging-budget");
    });
  });

  describe("validation", () => {
    test("fails on an amount of zero", () => {
      expect(build({ amountUsd: 0 })).toThrow("test/Budget: invalid amountUsd 0: expected a positive number");
    });

    test("fails on a start date that is not the first of a month", () => {
      expect(build({ startDate: "2026-12-15" })).toThrow(
        'test/Budget: invalid startDate "2026-12-15": expected the first day of a month from 2017-06-01 on, as YYYY-MM-01',
      );
    });

    test("fails on a start date before budgets existed", () => {
      expect(build({ startDate: "2017-05-01" })).toThrow(
        'test/Budget: invalid startDate "2017-05-01": expected the first day of a month from 2017-06-01 on, as YYYY-MM-01',
      );
    });

    test("fails on an email that is not one", () => {
      expect(build({ contactEmails: ["finops"] })).toThrow('test/Budget: invalid contactEmails "finops": expected an email address');
    });

    test("fails without any contact", () => {
      expect(build({ contactRoles: [] })).toThrow(
        "test/Budget: invalid contactRoles []: expected at least one contact email, role or action group: Azure requires one per notification",
      );
    });

    test("fails on a threshold above 1000%", () => {
      expect(build({ forecastThresholdPercent: 1001 })).toThrow(
        "test/Budget: invalid forecastThresholdPercent 1001: expected a percentage above 0 and at most 1000",
      );
    });

    test("fails on a threshold of 0", () => {
      expect(build({ actualThresholdPercent: 0 })).toThrow("test/Budget: invalid actualThresholdPercent 0: expected a percentage above 0 and at most 1000");
    });

    test("fails on a name Azure refuses", () => {
      expect(build({ name: "omega budget" })).toThrow('test/Budget: invalid name "omega budget": expected 1-63 letters, digits, hyphens or underscores');
    });

    test("fails on an unknown role", () => {
      expect(build({ contactRoles: ["Admin" as BudgetContactRole] })).toThrow(
        'test/Budget: invalid contactRoles "Admin": expected one of "Owner", "Contributor", "Reader"',
      );
    });
  });
});
