/** What the kubernetes policies share: type tokens, subjects of messages and readers of resource properties. */
import { known, knownItems, UNKNOWN, type Props } from "../support/policy";

/** Workload types and where each keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:core/v1:Pod": ["spec"],
};

export const WORKLOAD_TYPES = Object.keys(POD_SPEC_PATHS);

export interface NamedContainer {
    label: string;
    container: Props;
    pod: Props;
}

export function kindOf(type: string): string {
    return type.split(":").pop()!;
}

export function subject(type: string, name: string, props: Props): string {
    const namespace = known(() => props.metadata?.namespace as unknown);
    const objectName = known(() => props.metadata?.name as unknown);
    const shown = typeof objectName === "string" ? (typeof namespace === "string" ? `${namespace}/${objectName}` : objectName) : name;
    return `Kubernetes ${kindOf(type)} "${shown}"`;
}

/** Every container and init container whose definition is known, labelled as messages name them. */
export function containersOf(type: string, props: Props): NamedContainer[] {
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
