// The pack itself: constructing a PolicyPack starts the gRPC server the Pulumi CLI talks to, so nothing but the
// CLI may load this file. The offline plan and the tests import the policy list from ./all instead.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./all";

new PolicyPack("bilko-guard", { policies });
