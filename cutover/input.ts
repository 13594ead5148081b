/** Everything the runbook is generated from: the committed stacks, their plans, the estate file and its notes. */
import * as fs from "fs";
import * as path from "path";
import { checkAdoption } from "../adoption/check";
import { estatePath, readEstate } from "../adoption/estate/read";
import { resourceLabel } from "../adoption/estate/schema";
import { unmanagedLines } from "../adoption/unmanaged";
import { parseStackConfig, projectName, projectStacks, readStackFile, stackFileName, stackFilePath, type StackConfig } from "../config";
import type { StackPlan } from "../offline/evaluate";
import { syntheticLines } from "./notes";
import type { RunbookInput } from "./runbook";

const DATABASE_COMPONENT = "bilko:gcp:Postgres";
const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const CLOUD_RUN_SERVICE = "gcp:cloudrunv2/service:Service";
const DOMAIN_MAPPING = "gcp:cloudrun/domainMapping:DomainMapping";
const NETWORK_COMPONENT = "bilko:gcp:PrivateNetwork";

/** The committed stacks' configs, in promotion order. */
export function committedConfigs(directory: string): StackConfig[] {
    const knownStacks = projectStacks(directory);
    return knownStacks.map((stack) => parseStackConfig(readStackFile(stackFilePath(directory, stack)).values, { stack, knownStacks }));
}

/** The runbook's input, given the plan of every committed stack (in the order of `committedConfigs`). */
export function runbookInput(directory: string, configs: StackConfig[], plans: StackPlan[]): RunbookInput {
    const app = projectName(directory);
    const project = configs[0].project;
    const file = estatePath(directory, project);
    const estateFile = path.relative(directory, file);
    const estate = readEstate(file, estateFile);
    const reports = plans.map((plan, index) => checkAdoption({ plan, config: configs[index], estate, estateFile, app }));
    const unmanaged = new Set(unmanagedLines(reports).map((line) => line.replace(/^unmanaged: /, "")));
    const prod = plans[configs.findIndex((config) => config.environment === "prod")];
    const demo = plans[configs.findIndex((config) => config.environment === "demo")];
    const texts = [
        { name: estateFile, text: fs.readFileSync(file, "utf8") },
        ...configs.map((config) => ({ name: stackFileName(config.stack), text: fs.readFileSync(stackFilePath(directory, config.stack), "utf8") })),
    ];
    return {
        app,
        stacks: configs,
        estate,
        estateFile,
        synthetic: syntheticLines(texts),
        unmanaged: estate.resources.filter((resource) => unmanaged.has(resourceLabel(resource))),
        prodUrns: prod ? prodUrns(prod) : { database: [], addressRecords: [] },
        demoUrns: demo ? demoUrns(demo) : { services: [], records: [], aaaaRecords: [], mappings: [] },
    };
}

/**
 * The database component with its children, and the VPC its private IP needs when there is one (targeted alone in
 * step 3), and the hostnames' A and AAAA records (left out of step 5, so no customer reaches prod before its
 * certificates are active).
 */
function prodUrns(plan: StackPlan): RunbookInput["prodUrns"] {
    const component = (type: string) => plan.resources.find((resource) => resource.type === type)?.urns.self ?? "";
    const withChildren = (urn: string) => (urn ? [urn, ...plan.resources.filter((resource) => resource.urns.parent === urn).map((resource) => resource.urns.self)] : []);
    return {
        database: [...withChildren(component(NETWORK_COMPONENT)), ...withChildren(component(DATABASE_COMPONENT))],
        addressRecords: urnsOf(plan, (resource) => resource.type === DNS_RECORD && ["A", "AAAA"].includes(String(resource.inputs.type))),
    };
}

/**
 * Demo on domain mappings, as its plan declares it: its services, its hostnames' records (behind the load balancer the
 * same resources, turned into A records, so their URNs stay), the AAAA records they would get, and its mappings.
 */
function demoUrns(plan: StackPlan): RunbookInput["demoUrns"] {
    const records = urnsOf(plan, (resource) => resource.type === DNS_RECORD && resource.name.endsWith("-record"));
    return {
        services: urnsOf(plan, (resource) => resource.type === CLOUD_RUN_SERVICE),
        records,
        aaaaRecords: records.map((urn) => urn.replace(/-record$/, "-aaaa")),
        mappings: urnsOf(plan, (resource) => resource.type === DOMAIN_MAPPING),
    };
}

function urnsOf(plan: StackPlan, include: (resource: StackPlan["resources"][number]) => boolean): string[] {
    return plan.resources.filter(include).map((resource) => resource.urns.self);
}
