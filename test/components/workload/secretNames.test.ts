import * as assert from "assert";
import { looksLikeSecretName } from "../../../components/workload";

describe("secret-looking names", () => {
    for (const name of ["JWT_SECRET", "DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "APIKEY", "SIGNING_PRIVATE_KEY", "DATABASE_URL", "SENTRY_DSN"]) {
        it(`${name} is a credential`, () => assert.ok(looksLikeSecretName(name)));
    }
    for (const name of ["NEXT_PUBLIC_API_URL", "LOG_LEVEL", "PORT_OFFSET", "NEXT_PUBLIC_TOKEN_ENDPOINT"]) {
        it(`${name} is not`, () => assert.ok(!looksLikeSecretName(name)));
    }
});
