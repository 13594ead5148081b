/**
 * Build once per commit: per service, build with the revision label, push the one immutable tag `sha-<commit>`,
 * resolve the digest the registry holds for it, verify that image's revision label, scan it by digest.
 */
import { commitTag } from "../../registry/images";
import { script, type ScriptStep } from "./step";
import { shellQuote } from "./shell";
import { handoff, HANDOFF_DIR } from "./workspace";

/** OCI annotation key the build stamps with the commit; the verify step reads it back from the pushed image. */
export const REVISION_LABEL = "org.opencontainers.image.revision";

/** Cloud Build substitutes the commit into this env value; scripts read `$COMMIT_SHA`. */
export const COMMIT_ENV = ["COMMIT_SHA=$COMMIT_SHA"];

/** Severities that fail the scan. */
export const BLOCKING_SEVERITIES = ["HIGH", "CRITICAL"];

/** Where one service's image is built from, relative to the repository root. */
export interface BuildSource {
    context: string;
    dockerfile: string;
}

export interface ImageToBuild {
    service: string;
    /** `<registry>/<service>`, without tag or digest. */
    repository: string;
    context: string;
    dockerfile: string;
}

/** The services with a `build` entry, as images to build into `<registry>/<service>`. */
export function imagesToBuild(registry: string, services: Readonly<Record<string, { build?: BuildSource }>>): ImageToBuild[] {
    return Object.entries(services).flatMap(([service, config]) =>
        config.build ? [{ service, repository: `${registry}/${service}`, context: config.build.context, dockerfile: config.build.dockerfile }] : [],
    );
}

/** The tag as scripts spell it: the policy pack reads it there to prove no floating tag is pushed. */
const TAG = commitTag("$COMMIT_SHA");

export const stepIds = {
    build: (service: string) => `build-${service}`,
    digest: (service: string) => `digest-${service}`,
    verify: (service: string) => `verify-${service}`,
    scan: (service: string) => `scan-${service}`,
};

export function buildImage(image: ImageToBuild): ScriptStep {
    return {
        id: stepIds.build(image.service),
        builder: "docker",
        env: COMMIT_ENV,
        waitFor: ["-"],
        script: script("docker", [
            `image=${shellQuote(image.repository)}`,
            `# Tags are immutable in the repository: a retried build finds this commit's tag pushed and keeps that image.`,
            `if docker manifest inspect "$image:${TAG}" > /dev/null 2>&1; then`,
            `    echo "$image:${TAG} is already pushed; not building it again"`,
            `    exit 0`,
            `fi`,
            `docker build \\`,
            `    --label "${REVISION_LABEL}=$COMMIT_SHA" \\`,
            `    --tag "$image:${TAG}" \\`,
            `    --file ${shellQuote(image.dockerfile)} \\`,
            `    ${shellQuote(image.context)}`,
            `docker push "$image:${TAG}"`,
        ]),
    };
}

/** The registry, not the local daemon, says which digest the tag names. */
export function resolveDigest(image: ImageToBuild): ScriptStep {
    return {
        id: stepIds.digest(image.service),
        builder: "gcloud",
        env: COMMIT_ENV,
        waitFor: [stepIds.build(image.service)],
        script: script("gcloud", [
            `image=${shellQuote(image.repository)}`,
            `digest=$(gcloud artifacts docker images describe "$image:${TAG}" --format='value(image_summary.digest)')`,
            `if [[ ! $digest =~ ^sha256:[0-9a-f]{64}$ ]]; then`,
            `    echo "the registry returned no digest for $image:${TAG} (got '$digest')" >&2`,
            `    exit 1`,
            `fi`,
            `mkdir -p ${HANDOFF_DIR}`,
            `echo "$digest" > ${handoff.digest(image.service)}`,
            `echo "$image:${TAG} is $image@$digest"`,
        ]),
    };
}

/** SHA verification: the image at the pushed digest carries this commit as its revision label. */
export function verifyRevision(image: ImageToBuild): ScriptStep {
    return {
        id: stepIds.verify(image.service),
        builder: "docker",
        env: COMMIT_ENV,
        waitFor: [stepIds.digest(image.service)],
        script: script("docker", [
            `image=${shellQuote(image.repository)}`,
            `digest=$(cat ${handoff.digest(image.service)})`,
            `docker pull --quiet "$image@$digest" > /dev/null`,
            `revision=$(docker inspect --format '{{ index .Config.Labels "${REVISION_LABEL}" }}' "$image@$digest")`,
            `if [[ $revision != "$COMMIT_SHA" ]]; then`,
            `    echo "$image@$digest has ${REVISION_LABEL}='$revision', expected $COMMIT_SHA" >&2`,
            `    exit 1`,
            `fi`,
            `echo "$image@$digest was built from $COMMIT_SHA"`,
        ]),
    };
}

/**
 * Trivy scans the pulled image from the Docker daemon Cloud Build shares with every step. Scans run one after
 * another (`after`) because concurrent Trivy runs contend for the one vulnerability-database cache.
 */
export function scanImage(image: ImageToBuild, after?: string): ScriptStep {
    return {
        id: stepIds.scan(image.service),
        builder: "trivy",
        waitFor: [stepIds.verify(image.service), ...(after ? [after] : [])],
        script: script("trivy", [
            `image=${shellQuote(image.repository)}`,
            `digest=$(cat ${handoff.digest(image.service)})`,
            `trivy image --exit-code 1 --severity ${BLOCKING_SEVERITIES.join(",")} --no-progress "$image@$digest"`,
        ]),
    };
}

/** Every image step for `images`: builds in parallel, each verified, then scanned one by one. */
export function imageSteps(images: readonly ImageToBuild[]): ScriptStep[] {
    const steps: ScriptStep[] = [];
    let previousScan: string | undefined;
    for (const image of images) {
        steps.push(buildImage(image), resolveDigest(image), verifyRevision(image), scanImage(image, previousScan));
        previousScan = stepIds.scan(image.service);
    }
    return steps;
}
