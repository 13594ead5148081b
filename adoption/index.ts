/**
 * Adopting the live estate: the estate file (what exists in the project and the Cloudflare zone), the check the
 * offline plan runs against it (no collisions, imports that exist, the adoption diff with its acknowledgments), the
 * read-only inventory that refreshes the file, and the cutover runbook generated from the stacks.
 */
export { checkAdoption, type AdoptedResource, type AdoptionInput, type AdoptionReport, type CheckedChange } from "./check";
export { adoptionDiff, type Change, type ResourceDiff } from "./diff";
export { estateFromText, estatePath, EstateError, readEstate } from "./estate/read";
export { estateText, writeFileAtomically } from "./estate/write";
export { ESTATE_SOURCES, LIVE_SCHEMAS, RESOURCE_KINDS, resourceLabel, type Estate, type EstateResource, type LiveOf, type ResourceKind } from "./estate/schema";
export { adoptionFieldList, FIELD_PATTERNS, isAdoptionField, type AdoptionSubject } from "./fields";
export { identityOf, type Identity } from "./identity";
export { main as inventory, USAGE as INVENTORY_USAGE, type InventoryContext, type InventoryOutput } from "./inventory/cli";
export { takeInventory, type Inventory, type InventoryTarget } from "./inventory/probes";
export { InventoryError } from "./inventory/sources";
export { acknowledgeKey, adoptKey, ownerOf, type Owner, type ServicePart } from "./owner";
export { EstateFiles, stackAdoption } from "./planning";
export { adoptionLines } from "./render";
export { unmanagedLines } from "./unmanaged";
