import * as assert from "assert";
import { enableImmutableTags, enableVulnerabilityScanning, disallowPublicReaders } from "../../../policies/artifactregistry";
import { checkResource, mutated, unknown, violations, type Props } from "../support";

const REPOSITORY = "gcp:artifactregistry/repository:Repository";
const MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const BINDING = "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding";
const POLICY = "gcp:artifactregistry/repositoryIamPolicy:RepositoryIamPolicy";

/** The shared repository as the program declares it. */
function repository(): Props {
    return {
        project: "bilko-project",
        location: "europe-north1",
        repositoryId: "bilko",
        format: "DOCKER",
        dockerConfig: { immutableTags: true },
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        labels: { environment: "stage" },
    };
}

/** A reader grant to one service account: allowed. */
function readerGrant(): Props {
    return { project: "bilko-project", location: "europe-north1", repository: "bilko", role: "roles/artifactregistry.reader", member: "serviceAccount:deployer@bilko-project.iam.gserviceaccount.com" };
}

describe("artifactregistry-repository-enable-immutable-tags", () => {
    it("passes the baseline repository", async () => {
        assert.deepStrictEqual(await violations(enableImmutableTags, REPOSITORY, repository()), []);
    });

    it("refuses mutable tags", async () => {
        const props = mutated(repository, (value) => (value.dockerConfig.immutableTags = false));
        assert.deepStrictEqual(await violations(enableImmutableTags, REPOSITORY, props), [
            'Artifact Registry repository "subject" lets tags be moved to other images; set dockerConfig.immutableTags to true.',
        ]);
    });

    it("refuses a Docker repository without dockerConfig, whose tags are mutable", async () => {
        const props = mutated(repository, (value) => delete value.dockerConfig);
        assert.deepStrictEqual(await violations(enableImmutableTags, REPOSITORY, props), [
            'Artifact Registry repository "subject" lets tags be moved to other images; set dockerConfig.immutableTags to true.',
        ]);
    });

    it("is not applicable to repositories of other formats", async () => {
        const npm = mutated(repository, (value) => {
            value.format = "NPM";
            delete value.dockerConfig;
        });
        const outcome = await checkResource(enableImmutableTags, REPOSITORY, npm);
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "immutable tags exist only for Docker repositories, this one is NPM" });
    });

    it("is not applicable to a remote repository, which caches another registry and is never pushed to", async () => {
        const remote = mutated(repository, (value) => {
            value.mode = "REMOTE_REPOSITORY";
            delete value.dockerConfig;
        });
        const outcome = await checkResource(enableImmutableTags, REPOSITORY, remote);
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "a remote repository caches another registry's images, which are pulled by digest; nothing is pushed to it" });
    });

    it("is not applicable to other types", async () => {
        const outcome = await checkResource(enableImmutableTags, MEMBER, readerGrant());
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: `applies only to ${REPOSITORY}` });
    });

    it("reports nothing while immutableTags is unknown", async () => {
        const outcome = await checkResource(enableImmutableTags, REPOSITORY, mutated(repository, (value) => (value.dockerConfig.immutableTags = unknown.boolean)));
        assert.deepStrictEqual(outcome, { violations: [], notApplicable: "cannot be checked yet: boolean value at .dockerConfig.immutableTags can't be known during preview" });
    });
});

describe("artifactregistry-repository-disallow-public-readers", () => {
    it("passes a grant to one service account", async () => {
        assert.deepStrictEqual(await violations(disallowPublicReaders, MEMBER, readerGrant()), []);
    });

    it("refuses a reader grant to allUsers", async () => {
        const props = mutated(readerGrant, (value) => (value.member = "allUsers"));
        assert.deepStrictEqual(await violations(disallowPublicReaders, MEMBER, props), [
            'Artifact Registry grant "subject" gives roles/artifactregistry.reader to allUsers, which makes the repository public; grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).',
        ]);
    });

    it("refuses allAuthenticatedUsers among a binding's members, and judges the known ones next to an unknown one", async () => {
        const props = { repository: "bilko", role: "roles/artifactregistry.reader", members: [unknown.string, "serviceAccount:ci@p.iam.gserviceaccount.com", "allAuthenticatedUsers"] };
        assert.deepStrictEqual(await violations(disallowPublicReaders, BINDING, props), [
            'Artifact Registry grant "subject" gives roles/artifactregistry.reader to allAuthenticatedUsers, which makes the repository public; grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).',
        ]);
    });

    it("refuses a public binding inside a whole IAM policy", async () => {
        const policyData = JSON.stringify({ bindings: [{ role: "roles/artifactregistry.reader", members: ["allUsers"] }] });
        assert.deepStrictEqual(await violations(disallowPublicReaders, POLICY, { repository: "bilko", policyData }), [
            'Artifact Registry grant "subject" gives roles/artifactregistry.reader to allUsers, which makes the repository public; grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).',
        ]);
    });

    it("still refuses a public member whose role is unknown", async () => {
        const props = mutated(readerGrant, (value) => {
            value.member = "allUsers";
            value.role = unknown.string;
        });
        assert.deepStrictEqual(await violations(disallowPublicReaders, MEMBER, props), [
            'Artifact Registry grant "subject" gives a role to allUsers, which makes the repository public; grant access only to the identities that pull images (service accounts of Cloud Run and Cloud Build).',
        ]);
    });

    it("reports nothing while the member is unknown", async () => {
        assert.deepStrictEqual(await violations(disallowPublicReaders, MEMBER, mutated(readerGrant, (value) => (value.member = unknown.string))), []);
    });

    it("is not applicable to IAM grants on other resources", async () => {
        const outcome = await checkResource(disallowPublicReaders, "gcp:secretmanager/secretIamMember:SecretIamMember", { secretId: "s", role: "roles/secretmanager.secretAccessor", member: "allUsers" });
        assert.strictEqual(outcome.violations.length, 0);
        assert.match(outcome.notApplicable ?? "", /^applies only to types matching \/\^gcp:artifactregistry/);
    });
});

describe("artifactregistry-repository-enable-vulnerability-scanning", () => {
    it("passes the baseline repository", async () => {
        assert.deepStrictEqual(await violations(enableVulnerabilityScanning, REPOSITORY, repository()), []);
    });

    it("refuses scanning turned off, or not turned on", async () => {
        assert.deepStrictEqual(await violations(enableVulnerabilityScanning, REPOSITORY, mutated(repository, (value) => (value.vulnerabilityScanningConfig.enablementConfig = "DISABLED"))), [
            'Artifact Registry repository "subject" turns vulnerability scanning off; set vulnerabilityScanningConfig.enablementConfig to INHERITED (scanning follows the project\'s Container Scanning API).',
        ]);
        assert.deepStrictEqual(await violations(enableVulnerabilityScanning, REPOSITORY, mutated(repository, (value) => delete value.vulnerabilityScanningConfig)), [
            'Artifact Registry repository "subject" does not turn vulnerability scanning on; set vulnerabilityScanningConfig.enablementConfig to INHERITED (scanning follows the project\'s Container Scanning API).',
        ]);
    });

    it("is not applicable to a remote repository, which bilko never pushes to", async () => {
        const remote = mutated(repository, (value) => {
            value.mode = "REMOTE_REPOSITORY";
            delete value.vulnerabilityScanningConfig;
        });
        assert.deepStrictEqual(await checkResource(enableVulnerabilityScanning, REPOSITORY, remote), {
            violations: [],
            notApplicable: "a remote repository caches another registry's images; bilko pushes nothing to it",
        });
    });
});
