import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { pinnedDigest } from "../../../components/workload";

describe("workload argument checks", () => {
    const digest = `sha256:${"c".repeat(64)}`;

    it("read the digest of an image pinned by digest", () => {
        assert.strictEqual(pinnedDigest(`europe-north1-docker.pkg.dev/p/bilko/api@${digest}`), digest);
    });

    it("refuse a tagged image with an InputPropertyError naming the image property", () => {
        assert.throws(
            () => pinnedDigest("europe-north1-docker.pkg.dev/p/bilko/api:latest"),
            (error: unknown) => {
                assert.ok(pulumi.InputPropertyError.isInstance(error));
                assert.strictEqual(error.propertyPath, "image");
                assert.match(error.reason, /expected an image pinned by digest .*got "europe-north1-docker\.pkg\.dev\/p\/bilko\/api:latest"/);
                return true;
            },
        );
    });
});
