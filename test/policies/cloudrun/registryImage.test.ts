import * as assert from "assert";
import { enforceProjectRegistryImage } from "../../../policies/cloudrun";
import { resource, stackViolations, unknown, type Props } from "../support";

const SERVICE = "gcp:cloudrunv2/service:Service";
const MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const DIGEST = `sha256:${"a".repeat(64)}`;

function service(image: string, project: unknown = "bilko-prod"): Props {
    return { project, location: "europe-north1", name: "bilko-api", template: { containers: [{ image }] } };
}

/** What the prod stack of the three-project layout declares: reader on the central repository for its Cloud Run agent. */
function pullGrant(edit: (props: Props) => void = () => undefined): Props {
    const props: Props = { project: "bilko-ci", location: "europe-north1", repository: "bilko", role: "roles/artifactregistry.reader", member: "serviceAccount:service-123456789012@serverless-robot-prod.iam.gserviceaccount.com" };
    edit(props);
    return props;
}

const check = (...resources: ReturnType<typeof resource>[]) => stackViolations(enforceProjectRegistryImage, resources);

describe("cloudrun-service-enforce-project-registry-image", () => {
    it("accepts an image from the service's own project's Artifact Registry", async () => {
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(`europe-north1-docker.pkg.dev/bilko-prod/bilko/api@${DIGEST}`))), []);
    });

    it("refuses an image from a public registry", async () => {
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(`docker.io/library/nginx@${DIGEST}`))), [
            `api-service: Cloud Run service "api-service" runs image "docker.io/library/nginx@${DIGEST}", which is neither in the Artifact Registry of project "bilko-prod" nor in a repository this stack grants its Cloud Run service agent read access to; push it to <location>-docker.pkg.dev/bilko-prod/<repository>, or name the registry's project in bilko:registry.project.`,
        ]);
    });

    it("refuses another project's registry the stack never arranged to pull from", async () => {
        const image = `europe-north1-docker.pkg.dev/bilko-ci/bilko/api@${DIGEST}`;
        assert.strictEqual((await check(resource(SERVICE, "api-service", service(image)))).length, 1);
        assert.strictEqual((await check(resource(SERVICE, "api-service", service(image)), resource(MEMBER, "pull", pullGrant((props) => (props.repository = "other"))))).length, 1, "another repository");
        assert.strictEqual((await check(resource(SERVICE, "api-service", service(image)), resource(MEMBER, "pull", pullGrant((props) => (props.member = "allUsers"))))).length, 1, "not the agent");
        assert.strictEqual((await check(resource(SERVICE, "api-service", service(image)), resource(MEMBER, "pull", pullGrant((props) => (props.role = "roles/artifactregistry.writer"))))).length, 1, "not read");
    });

    it("accepts a central registry in another project when the stack grants its Cloud Run service agent read access to that repository", async () => {
        const image = `europe-north1-docker.pkg.dev/bilko-ci/bilko/api@${DIGEST}`;
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(image)), resource(MEMBER, "pull", pullGrant())), []);
        const unknownAgent = pullGrant((props) => (props.member = unknown.string));
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(image)), resource(MEMBER, "pull", unknownAgent)), [], "the agent's number is read during the update");
    });

    it("skips what cannot be compared: a service without a project, or with one unknown during preview, or an unknown image", async () => {
        const foreign = `docker.io/library/nginx@${DIGEST}`;
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", { location: "europe-north1", template: { containers: [{ image: foreign }] } })), []);
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(foreign, unknown.string))), []);
        assert.deepStrictEqual(await check(resource(SERVICE, "api-service", service(unknown.string))), []);
    });
});
