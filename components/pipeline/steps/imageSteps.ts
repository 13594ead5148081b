/**
 * Build once per commit: per service, and per service's migrator (Flyway, Cloud SQL's socket factory and the
 * service's migrations at this commit), build with the revision label, scan the built image in the build's own
 * Docker daemon, and only then push the one immutable tag `sha-<commit>`: an image that fails the scan is never in
 * the registry. Then resolve the digest the registry holds for the tag and verify that image: this commit's revision
 * label, and the very image that was scanned. The trigger lists every tag in the build's `images`, so Cloud Build
 * records their provenance and signs them (built-by-cloud-build) once the build has succeeded.
 */
import { MIGRATOR_ENTRYPOINT, migratorEntrypoint } from "../../migrations/entrypoint";
import { migratorRepository } from "../../migrations/names";
import { commitTag } from "../../registry/images";
import { script, type ScriptStep } from "./step";
import { shellQuote } from "./shell";
import { migratorImageKey } from "./target";
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

/** What a migrator image is made of, besides a service's migrations folder. */
export interface MigratorBase {
    /** Flyway's image, pinned by digest (as the build pulls it). */
    flyway: string;
    /** Cloud SQL's JDBC socket factory for PostgreSQL, from Maven Central, checked against its sha256. */
    socketFactory: { version: string; sha256: string };
}

export interface ImageToBuild {
    /** Key of the step ids and hand-off files: the service, or `<service>-migrator`. */
    service: string;
    /** `<registry>/<service>`, without tag or digest. */
    repository: string;
    context: string;
    dockerfile: string;
    /** A migrator image: a step of its own first puts its build context together from these. */
    migrator?: MigratorBase & { service: string; migrations: string };
}

/**
 * The services with a `build` entry, as images to build into `<registry>/<service>`, and each service's migrator
 * into `<registry>/<service>-migrator`.
 */
export function imagesToBuild(
    registry: string,
    services: Readonly<Record<string, { build?: BuildSource; migrations?: { path: string } }>>,
    migrator: MigratorBase,
): ImageToBuild[] {
    const apps = Object.entries(services).flatMap(([service, config]) =>
        config.build ? [{ service, repository: `${registry}/${service}`, context: config.build.context, dockerfile: config.build.dockerfile }] : [],
    );
    const migrators = Object.entries(services).flatMap(([service, config]) => {
        if (!config.migrations) {
            return [];
        }
        const context = handoff.migratorContext(service);
        const key = migratorImageKey(service);
        return [{ service: key, repository: migratorRepository(registry, service), context, dockerfile: `${context}/Dockerfile`, migrator: { ...migrator, service, migrations: config.migrations.path } }];
    });
    return [...apps, ...migrators];
}

/** The tag as scripts spell it: the policy pack reads it there to prove no floating tag is pushed. */
const TAG = commitTag("$COMMIT_SHA");

export const stepIds = {
    context: (service: string) => `context-${service}`,
    build: (service: string) => `build-${service}`,
    scan: (service: string) => `scan-${service}`,
    push: (service: string) => `push-${service}`,
    digest: (service: string) => `digest-${service}`,
    verify: (service: string) => `verify-${service}`,
};

/** `<repository>:sha-$COMMIT_SHA` of each image: the build's `images`, which Cloud Build attests after a successful build. */
export function builtImageTags(images: readonly ImageToBuild[]): string[] {
    return images.map((image) => `${image.repository}:${TAG}`);
}

/** Maven Central's URL of the socket factory jar with its dependencies. */
export function socketFactoryUrl(version: string): string {
    return `https://repo1.maven.org/maven2/com/google/cloud/sql/postgres-socket-factory/${version}/postgres-socket-factory-${version}-jar-with-dependencies.jar`;
}

const ENTRYPOINT_FILE = "bilko-entrypoint.sh";

/** A migrator's build context: its Dockerfile, entrypoint, the checked socket factory jar and the migrations at this commit. */
export function migratorContext(image: ImageToBuild & { migrator: NonNullable<ImageToBuild["migrator"]> }): ScriptStep {
    const { migrator } = image;
    const jar = "postgres-socket-factory.jar";
    return {
        id: stepIds.context(image.service),
        builder: "gcloud",
        waitFor: ["-"],
        script: script("gcloud", [
            `context=${shellQuote(image.context)}`,
            `rm -rf "$context"`,
            `mkdir -p "$context"`,
            `curl --fail --silent --show-error --location --retry 3 --output "$context/${jar}" ${shellQuote(socketFactoryUrl(migrator.socketFactory.version))}`,
            `echo "${migrator.socketFactory.sha256}  $context/${jar}" | sha256sum --check --strict`,
            `cp -R ${shellQuote(migrator.migrations)} "$context/migrations"`,
            `cat > "$context/${ENTRYPOINT_FILE}" <<'ENTRYPOINT'`,
            ...migratorEntrypoint().trimEnd().split("\n"),
            `ENTRYPOINT`,
            `chmod 755 "$context/${ENTRYPOINT_FILE}"`,
            `cat > "$context/Dockerfile" <<'DOCKERFILE'`,
            `FROM ${migrator.flyway}`,
            `COPY ${jar} /flyway/drivers/`,
            `COPY migrations /flyway/sql`,
            `COPY ${ENTRYPOINT_FILE} ${MIGRATOR_ENTRYPOINT}`,
            `ENTRYPOINT ["${MIGRATOR_ENTRYPOINT}"]`,
            `DOCKERFILE`,
        ]),
    };
}

/** Builds into the local daemon only; a retried build pulls the tag it pushed before, which passed its scan then. */
export function buildImage(image: ImageToBuild): ScriptStep {
    return {
        id: stepIds.build(image.service),
        builder: "docker",
        env: COMMIT_ENV,
        waitFor: image.migrator ? [stepIds.context(image.service)] : ["-"],
        script: script("docker", [
            `image=${shellQuote(image.repository)}`,
            `# Tags are immutable in the repository: a retried build finds this commit's tag pushed and keeps that image.`,
            `if docker manifest inspect "$image:${TAG}" > /dev/null 2>&1; then`,
            `    echo "$image:${TAG} is already pushed; not building it again"`,
            `    docker pull --quiet "$image:${TAG}" > /dev/null`,
            `    exit 0`,
            `fi`,
            `docker build \\`,
            `    --label "${REVISION_LABEL}=$COMMIT_SHA" \\`,
            `    --tag "$image:${TAG}" \\`,
            `    --file ${shellQuote(image.dockerfile)} \\`,
            `    ${shellQuote(image.context)}`,
        ]),
    };
}

/**
 * Trivy scans the built image in the Docker daemon Cloud Build shares with every step, before anything is pushed.
 * Scans run one after another (`after`) because concurrent Trivy runs contend for the one vulnerability-database cache.
 */
export function scanImage(image: ImageToBuild, after?: string): ScriptStep {
    return {
        id: stepIds.scan(image.service),
        builder: "trivy",
        env: COMMIT_ENV,
        waitFor: [stepIds.build(image.service), ...(after ? [after] : [])],
        script: script("trivy", [
            `image=${shellQuote(image.repository)}`,
            `trivy image --exit-code 1 --severity ${BLOCKING_SEVERITIES.join(",")} --no-progress "$image:${TAG}"`,
        ]),
    };
}

/** Pushes the scanned tag: the first time the image is anywhere a deploy could take it from. */
export function pushImage(image: ImageToBuild): ScriptStep {
    return {
        id: stepIds.push(image.service),
        builder: "docker",
        env: COMMIT_ENV,
        waitFor: [stepIds.scan(image.service)],
        script: script("docker", [
            `image=${shellQuote(image.repository)}`,
            `if docker manifest inspect "$image:${TAG}" > /dev/null 2>&1; then`,
            `    echo "$image:${TAG} is already pushed"`,
            `    exit 0`,
            `fi`,
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
        waitFor: [stepIds.push(image.service)],
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

/**
 * SHA verification: the image at the pushed digest carries this commit as its revision label, and is the image that
 * was scanned (the same image id as the scanned local tag).
 */
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
            `pushed=$(docker inspect --format '{{ .Id }}' "$image@$digest")`,
            `scanned=$(docker inspect --format '{{ .Id }}' "$image:${TAG}")`,
            `if [[ $pushed != "$scanned" ]]; then`,
            `    echo "$image@$digest is image $pushed, but the scan passed $scanned" >&2`,
            `    exit 1`,
            `fi`,
            `echo "$image@$digest was built from $COMMIT_SHA and scanned"`,
        ]),
    };
}

/** Every image step for `images`: builds in parallel, scanned one by one, each pushed once it passed, then verified. */
export function imageSteps(images: readonly ImageToBuild[]): ScriptStep[] {
    const steps: ScriptStep[] = [];
    let previousScan: string | undefined;
    for (const image of images) {
        if (image.migrator) {
            steps.push(migratorContext({ ...image, migrator: image.migrator }));
        }
        steps.push(buildImage(image), scanImage(image, previousScan), pushImage(image), resolveDigest(image), verifyRevision(image));
        previousScan = stepIds.scan(image.service);
    }
    return steps;
}
