/**
 * Builder and base images from Docker Hub are pulled through an Artifact Registry remote repository of the project:
 * Docker Hub rate-limits anonymous pulls, and a remote repository caches each image after its first pull. A digest
 * names the same image there as on Docker Hub, so the pin holds. Other registries (gcr.io, pkg.dev) are pulled
 * directly.
 */
import type { Builders } from "./steps/step";

const DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/(.+)$/;

/** `docker.io/<path>@<digest>` -> `<cache>/<path>@<digest>` (`library/` for an official image); others unchanged. */
export function throughDockerHubCache(image: string, cacheUrl: string): string {
    const path = DOCKER_HUB.exec(image)?.[1];
    if (path === undefined) {
        return image;
    }
    const repository = path.split("@")[0];
    return `${cacheUrl}/${repository.includes("/") ? path : `library/${path}`}`;
}

export function buildersThroughCache(builders: Builders, cacheUrl: string): Builders {
    return Object.fromEntries(Object.entries(builders).map(([builder, image]) => [builder, throughDockerHubCache(image, cacheUrl)])) as unknown as Builders;
}
