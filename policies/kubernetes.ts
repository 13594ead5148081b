/** Kubernetes workloads: pinned images pulled as pinned, hardened containers, credentials only by reference. */
import { isPinnedImage } from "../components/registry/images";
import { looksLikeSecretName } from "../components/workload/secretNames";
import { known, knownItems, resourcePolicy, UNKNOWN, type Props } from "./support/policy";

/** Workload types and where each keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:core/v1:Pod": ["spec"],
};
export const WORKLOAD_TYPES = Object.keys(POD_SPEC_PATHS);

interface NamedContainer {
    label: string;
    container: Props;
    pod: Props;
}

function kindOf(type: string): string {
    return type.split(":").pop()!;
}

function subject(type: string, name: string, props: Props): string {
    const namespace = known(() => props.metadata?.namespace as unknown);
    const objectName = known(() => props.metadata?.name as unknown);
    const shown = typeof objectName === "string" ? (typeof namespace === "string" ? `${namespace}/${objectName}` : objectName) : name;
    return `Kubernetes ${kindOf(type)} "${shown}"`;
}

/** Every container and init container whose definition is known, labelled as messages name them. */
function containersOf(type: string, props: Props): NamedContainer[] {
    let pod: any = props;
    for (const key of POD_SPEC_PATHS[type]) {
        pod = pod?.[key];
    }
    if (typeof pod !== "object" || pod === null) {
        return [];
    }
    const listed = (list: unknown, kind: string) =>
        knownItems<Props>(list).flatMap((container, index) => {
            if (container === UNKNOWN) {
                return [];
            }
            const name = known(() => container.name as unknown);
            return [{ label: `${kind} "${typeof name === "string" ? name : `#${index + 1}`}"`, container, pod }];
        });
    return [...listed(pod.initContainers, "init container"), ...listed(pod.containers, "container")];
}

export const digestImage = resourcePolicy({
    name: "kubernetes-workload-enforce-digest-image",
    description: "Kubernetes workloads run every container from an image pinned by digest, so a stack runs exactly the image it was promoted with.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            if (!isPinnedImage(container.image)) {
                report(`${subject(args.type, args.name, props)} runs ${label} from image "${container.image}", which is not pinned by digest; use <repository path>@sha256:<64 hex digits>, never a tag.`);
            }
        }
    },
});

export const pullIfNotPresent = resourcePolicy({
    name: "kubernetes-workload-enforce-pull-if-not-present",
    description: "Kubernetes containers pull with imagePullPolicy IfNotPresent: a digest never changes, so a node's copy is the image.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            if (container.imagePullPolicy !== "IfNotPresent") {
                const current = container.imagePullPolicy === undefined ? "unset (Always for some images)" : `"${container.imagePullPolicy}"`;
                report(`${subject(args.type, args.name, props)} has imagePullPolicy ${current} on ${label}; set imagePullPolicy: IfNotPresent so pods start from the node's copy of the pinned image.`);
            }
        }
    },
});

export const nonRootReadOnly = resourcePolicy({
    name: "kubernetes-workload-enforce-non-root-read-only",
    description: "Kubernetes containers run as non-root with a read-only root filesystem.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container, pod } of containersOf(args.type, props)) {
            const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
            if (runAsNonRoot !== true) {
                report(`${subject(args.type, args.name, props)} does not require ${label} to run as non-root; set securityContext.runAsNonRoot: true (and a non-root USER in the image).`);
            }
            if (container.securityContext?.readOnlyRootFilesystem !== true) {
                report(`${subject(args.type, args.name, props)} lets ${label} write its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write.`);
            }
        }
    },
});

export const noPlainSecretEnv = resourcePolicy({
    name: "kubernetes-workload-disallow-plain-secret-env",
    description: "Kubernetes environment variables that look like credentials come from a Secret by reference, never as literal values.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (props, args, report) => {
        for (const { label, container } of containersOf(args.type, props)) {
            for (const env of knownItems<Props>(container.env)) {
                const name = env === UNKNOWN ? UNKNOWN : known(() => env.name as unknown);
                // `in` does not read the value: a literal that is unknown until the update is still a literal.
                if (env !== UNKNOWN && typeof name === "string" && looksLikeSecretName(name) && "value" in env) {
                    report(`${subject(args.type, args.name, props)} sets ${name}, which looks like a credential, as a literal on ${label}; put it in a Secret and use valueFrom.secretKeyRef.`);
                }
            }
        }
    },
});

/** Every Kubernetes policy, in the order the pack reports them. */
export const kubernetesPolicies = [digestImage, pullIfNotPresent, nonRootReadOnly, noPlainSecretEnv];
