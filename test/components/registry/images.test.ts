import * as assert from "assert";
import { isDigest, isPinnedImage, pinnedImage, registryUrl } from "../../../components/registry";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("images", () => {
    it("pins <registry>/<service>@<digest>", () => {
        const registry = registryUrl("europe-north1", "proj", "bilko");
        assert.strictEqual(registry, "europe-north1-docker.pkg.dev/proj/bilko");
        assert.strictEqual(pinnedImage(registry, "api", DIGEST), `europe-north1-docker.pkg.dev/proj/bilko/api@${DIGEST}`);
        assert.ok(isPinnedImage(pinnedImage(registry, "api", DIGEST)));
    });

    it("refuses tags, short digests and tag+digest mixtures", () => {
        assert.ok(!isPinnedImage("europe-north1-docker.pkg.dev/proj/bilko/api:latest"));
        assert.ok(!isPinnedImage("europe-north1-docker.pkg.dev/proj/bilko/api@sha256:abc"));
        assert.ok(!isPinnedImage(`europe-north1-docker.pkg.dev/proj/bilko/api:v1@${DIGEST}`));
        assert.ok(!isDigest(DIGEST.toUpperCase()));
        assert.ok(isDigest(DIGEST));
    });
});
