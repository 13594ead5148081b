import * as assert from "assert";
import { corsOrigins } from "../../../components/edge";

describe("CORS origins", () => {
    const services = {
        web: { hostname: "bilko.alai.no", corsFrom: [], corsExtraOrigins: [] },
        admin: { hostname: "admin.alai.no", corsFrom: [], corsExtraOrigins: [] },
        api: { hostname: "api.alai.no", corsFrom: ["web", "admin"], corsExtraOrigins: ["http://localhost:3000", "https://bilko.alai.no"] },
    };

    it("lists https://<hostname> of the corsFrom services in order, then extras, without duplicates", () => {
        assert.deepStrictEqual(corsOrigins(services, "api"), ["https://bilko.alai.no", "https://admin.alai.no", "http://localhost:3000"]);
    });

    it("is empty for a service that names no sources", () => {
        assert.deepStrictEqual(corsOrigins(services, "web"), []);
    });
});
