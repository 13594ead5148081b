/** The shell commands of the cutover, built from names in the config and the estate (pure, so tests read them). */
import type { EstateResource } from "../adoption/estate/schema";

/** `--region=<r>` for a regional trigger; nothing for a global one. */
function triggerRegion(location: string): string {
    return location === "global" ? "" : ` --region=${location}`;
}

/** Stops a Cloud Build trigger firing without deleting it: export, mark disabled, import (gcloud has no disable flag). */
export function disableTrigger(project: string, trigger: Pick<EstateResource, "name" | "location">): string[] {
    const file = `${trigger.name}.trigger.yaml`;
    const where = `--project=${project}${triggerRegion(trigger.location)}`;
    return [
        `gcloud beta builds triggers export ${trigger.name} ${where} --destination=${file}`,
        `echo "disabled: true" >> ${file}`,
        `gcloud beta builds triggers import ${where} --source=${file}`,
    ];
}

/** How a live resource no stack manages is retired after the cutover, or why it stays. */
export function retirement(project: string, resource: EstateResource): { commands: string[]; note: string } {
    switch (resource.kind) {
        case "cloudbuild.trigger":
            return {
                commands: [`gcloud builds triggers delete ${resource.name} --project=${project}${triggerRegion(resource.location)}`],
                note: "remove it from Terraform first (modules/build, seed 000) or the next terraform apply re-creates it",
            };
        case "sql.user": {
            const [instance, user] = resource.name.split("/");
            return {
                commands: [`gcloud sql users delete ${user} --instance=${instance} --project=${project}`],
                note: "only once nobody connects as it (001's manual checks do); keeping it is a choice, not drift",
            };
        }
        case "storage.bucket":
            return {
                commands: [`gcloud storage ls --recursive gs://${resource.name} | head`, `gcloud storage rm --recursive gs://${resource.name}`],
                note: "look first: Cloud Build's default bucket also holds the sources of `gcloud builds submit`",
            };
        case "secretmanager.secret":
            return { commands: [`gcloud secrets delete ${resource.name} --project=${project}`], note: "once no service or job reads it" };
        case "cloudrun.service":
            return { commands: [`gcloud run services delete ${resource.name} --region=${resource.location} --project=${project}`], note: "once no hostname routes to it" };
        case "cloudrun.job":
            return { commands: [`gcloud run jobs delete ${resource.name} --region=${resource.location} --project=${project}`], note: "once no pipeline runs it" };
        case "iam.serviceAccount": {
            const email = typeof resource.live.email === "string" ? resource.live.email : `${resource.name}@${project}.iam.gserviceaccount.com`;
            return { commands: [`gcloud iam service-accounts delete ${email} --project=${project}`], note: "once nothing runs as it" };
        }
        default:
            return { commands: [], note: "bilko has no retirement command for this kind; decide by hand" };
    }
}
