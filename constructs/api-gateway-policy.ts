import { IConstruct } from "constructs";
import { checkInteger, checkUuid, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

/**
 * Who may call an API behind API Management: Microsoft Entra ID access tokens, checked at the
 * gateway by the `validate-azure-ad-token` policy. The app registrations are inputs (this library
 * does not manage Entra ID); a request without a token, or with one that fails any check, gets 401
 * from the gateway and never reaches a backend.
 */
export interface EntraTokenValidationOptions {
  /** The Entra ID tenant (directory) id that issues the tokens. */
  readonly tenantId: string;
  /**
   * Accepted `aud` values: the API's app registration client id (v2 tokens) and/or its
   * application ID URI (`api://...`, v1 tokens). At least one.
   */
  readonly audiences: readonly string[];
  /**
   * Client application ids allowed to call (the token's `appid`/`azp`). At least one: the policy
   * reference lists `client-application-ids` as required.
   */
  readonly clientApplicationIds: readonly string[];
  /**
   * App roles of the API registration a caller must hold (any one of them, claim `roles`).
   * @default - none: any token of an allowed client for the audience is accepted
   */
  readonly requiredRoles?: readonly string[];
}

/** Requests per caller address in a window, counted by `rate-limit-by-key` (429 past it). */
export interface GatewayRateLimit {
  /**
   * @default 100
   */
  readonly calls?: number;
  /**
   * @default 60
   */
  readonly renewalPeriodSeconds?: number;
}

export interface ApiGatewayPolicyOptions {
  readonly tokenValidation: EntraTokenValidationOptions;
  /**
   * Names of the API Management backends the requests are spread over (by request id); each is a
   * backend entity of the same instance.
   */
  readonly backendIds: readonly string[];
  /**
   * @default {} - 100 calls per 60 s per client IP address
   */
  readonly rateLimit?: GatewayRateLimit;
  /**
   * Largest request body accepted, by `validate-content` (checked against `Content-Length`;
   * larger bodies get 400). API Management allows at most 102,400 bytes here.
   * @default 102400
   */
  readonly maxRequestBodyBytes?: number;
}

/** `validate-content`'s `max-size` ceiling (API Management policy reference). */
export const APIM_MAX_VALIDATED_BODY_BYTES = 102_400;

function xmlAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function checkList(scope: IConstruct, property: string, values: readonly string[]): void {
  if (values.length === 0) throw new ValidationError(scope, property, [], "expected at least one value");
  values.forEach((v, i) => {
    if (!isUnresolved(v) && v.trim() === "") throw new ValidationError(scope, `${property}[${i}]`, v, "expected a non-empty string");
  });
  const resolved = values.filter((v) => !isUnresolved(v));
  if (new Set(resolved).size !== resolved.length) throw new ValidationError(scope, property, values, "expected distinct values");
}

/**
 * The API-scope policy of the way in, as XML, deterministic for the same options: per-caller rate
 * limit first (so floods of bad tokens are throttled too), then the Entra ID token check (401),
 * then the body size limit, then a backend chosen by request id.
 */
export function renderApiGatewayPolicy(scope: IConstruct, options: ApiGatewayPolicyOptions): string {
  const token = options.tokenValidation;
  const calls = options.rateLimit?.calls ?? 100;
  const period = options.rateLimit?.renewalPeriodSeconds ?? 60;
  const maxBody = options.maxRequestBodyBytes ?? APIM_MAX_VALIDATED_BODY_BYTES;
  const roles = token.requiredRoles ?? [];

  if (!isUnresolved(token.tenantId)) checkUuid(scope, "tokenValidation.tenantId", token.tenantId);
  checkList(scope, "tokenValidation.audiences", token.audiences);
  checkList(scope, "tokenValidation.clientApplicationIds", token.clientApplicationIds);
  token.clientApplicationIds.forEach((id, i) => {
    if (!isUnresolved(id)) checkUuid(scope, `tokenValidation.clientApplicationIds[${i}]`, id);
  });
  if (roles.length > 0) checkList(scope, "tokenValidation.requiredRoles", roles);
  checkInteger(scope, "rateLimit.calls", calls, 1, 1_000_000);
  checkInteger(scope, "rateLimit.renewalPeriodSeconds", period, 1, 300);
  checkInteger(scope, "maxRequestBodyBytes", maxBody, 1, APIM_MAX_VALIDATED_BODY_BYTES);
  if (options.backendIds.length === 0) throw new ValidationError(scope, "backendIds", [], "expected at least one backend");
  options.backendIds.forEach((id, i) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/.test(id)) {
      throw new ValidationError(scope, `backendIds[${i}]`, id, "expected a backend name of letters, digits and hyphens (at most 80)");
    }
  });

  const backend =
    options.backendIds.length === 1
      ? options.backendIds[0]
      : // The request id is a random GUID: its hash spreads requests evenly over the backends.
        `@(new string[] { ${options.backendIds.map((b) => `"${b}"`).join(", ")} }[(context.RequestId.GetHashCode() & 0x7fffffff) % ${options.backendIds.length}])`;

  const lines = [
    "<policies>",
    "  <inbound>",
    "    <base />",
    `    <rate-limit-by-key calls="${calls}" renewal-period="${period}" counter-key="@(context.Request.IpAddress)" />`,
    `    <validate-azure-ad-token tenant-id="${xmlAttr(token.tenantId)}" header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized">`,
    "      <client-application-ids>",
    ...token.clientApplicationIds.map((id) => `        <application-id>${xmlText(id)}</application-id>`),
    "      </client-application-ids>",
    "      <audiences>",
    ...token.audiences.map((a) => `        <audience>${xmlText(a)}</audience>`),
    "      </audiences>",
    ...(roles.length > 0
      ? [
          "      <required-claims>",
          '        <claim name="roles" match="any">',
          ...roles.map((r) => `          <value>${xmlText(r)}</value>`),
          "        </claim>",
          "      </required-claims>",
        ]
      : []),
    "    </validate-azure-ad-token>",
    `    <validate-content unspecified-content-type-action="ignore" max-size="${maxBody}" size-exceeded-action="prevent" />`,
    `    <set-backend-service backend-id="${xmlAttr(backend)}" />`,
    "  </inbound>",
    "  <backend>",
    "    <base />",
    "  </backend>",
    "  <outbound>",
    "    <base />",
    "  </outbound>",
    "  <on-error>",
    "    <base />",
    "  </on-error>",
    "</policies>",
  ];
  return lines.join("\n");
}
