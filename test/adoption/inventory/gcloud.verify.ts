/**
 * `npm run verify`: gcloud accepts every command the inventory runs. The commands are recorded from an inventory run
 * against the fake gcloud, then replayed offline against the real one (see test/support/gcloudOffline.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../adoption/inventory/cli";
import { assertGcloudAccepts } from "../../support/gcloudOffline";
import { COMMITTED_STACKS, PROJECT_DIR } from "../../support/stacks";
import { BILKO_RECORDS, bilkoAnswers, fakeCloudflare, FakeGcloud } from "./fakes";

describe("the inventory's gcloud commands", function () {
    this.timeout(600000);

    it("are each accepted by gcloud's own argument parser", async () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "bilko-inventory-verify-"));
        const gcloud = bilkoAnswers(new FakeGcloud());
        const saved = { ...process.env };
        const cloudflare = await fakeCloudflare({ zoneId: "023e105f4ecef8ad9ca31a8372d0c353", token: "unused", zone: "alai.no", pages: BILKO_RECORDS });
        try {
            for (const file of ["Pulumi.yaml", ...COMMITTED_STACKS.map((stack) => `Pulumi.${stack}.yaml`)]) {
                fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(project, file));
            }
            Object.assign(process.env, gcloud.env(), { CLOUDFLARE_API_TOKEN: "unused", CLOUDFLARE_API_BASE_URL: cloudflare.url });
            assert.strictEqual(await main([], { out: () => undefined, err: (text) => assert.fail(text) }, { directory: project }), 0);
        } finally {
            await cloudflare.close();
            process.env = saved;
            fs.rmSync(project, { recursive: true, force: true });
        }
        const calls = gcloud.calls().map((line) => ({ args: line.split(" ") }));
        gcloud.remove();
        await assertGcloudAccepts(calls);
    });
});
