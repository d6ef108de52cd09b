import { Testing } from "cdktf";
import { DATA_LAYER_SECRET_KEYS } from "../../constructs/data-layer-contract";
import { LocalDataLayer, LocalDataLayerProps } from "../../constructs/local-data-layer";
import { DEV_TIER } from "../../tiers/dev";
import { DataLayerKind } from "../../tiers/tier-spec";
import { SynthJson, onlyResource, resourcesOf, synthJson, testStack } from "../helpers";

function synth(props: LocalDataLayerProps = {}) {
  const { stack } = testStack();
  const layer = new LocalDataLayer(stack, "Data", props);
  return { layer, json: synthJson(stack) };
}

function build(props: LocalDataLayerProps): () => LocalDataLayer {
  return () => new LocalDataLayer(testStack().stack, "Data", props);
}

function statefulSet(json: SynthJson, name: string): Record<string, any> {
  const found = resourcesOf(json, "kubernetes_stateful_set_v1").find((s) => (s.metadata as { name: string }).name === name);
  if (!found) throw new Error(`no StatefulSet ${name}`);
  return found as Record<string, any>;
}

describe("LocalDataLayer", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new LocalDataLayer(stack, "Data");
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { json, layer } = synth();
    const mongo = statefulSet(json, "mongodb");
    const redis = statefulSet(json, "redis");

    test("MongoDB 7 and Redis 7, pinned, one replica each, in platform", () => {
      expect(mongo.spec.template.spec.container[0].image).toBe("mongo:7.0.16");
      expect(redis.spec.template.spec.container[0].image).toBe("redis:7.4.2-alpine");
      for (const set of [mongo, redis]) {
        expect(set.spec.replicas).toBe("1");
        expect(set.metadata.namespace).toBe("platform");
      }
    });

    test("the dev tier pins the same images", () => {
      if (DEV_TIER.dataLayer.kind !== DataLayerKind.IN_CLUSTER) throw new Error("dev data layer");
      expect([DEV_TIER.dataLayer.mongoImage, DEV_TIER.dataLayer.redisImage]).toEqual(["mongo:7.0.16", "redis:7.4.2-alpine"]);
    });

    test("persistent volumes: 10 GiB for MongoDB, 1 GiB for Redis, kept when the StatefulSet goes", () => {
      expect(mongo.spec.volume_claim_template).toEqual([
        { metadata: { name: "data" }, spec: { access_modes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } },
      ]);
      expect(redis.spec.volume_claim_template[0].spec.resources.requests.storage).toBe("1Gi");
      expect(mongo.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: "Retain", when_scaled: "Retain" }]);
      expect(mongo.spec.template.spec.container[0].volume_mount).toContainEqual({ name: "data", mount_path: "/data/db" });
      expect(redis.spec.template.spec.container[0].volume_mount).toContainEqual({ name: "data", mount_path: "/data" });
    });

    test("non-root uid 999, read-only root filesystem, no escalation, no capabilities, seccomp RuntimeDefault", () => {
      for (const set of [mongo, redis]) {
        const pod = set.spec.template.spec;
        expect(pod.security_context).toEqual({
          run_as_non_root: true,
          run_as_user: "999",
          run_as_group: "999",
          fs_group: "999",
          seccomp_profile: { type: "RuntimeDefault" },
        });
        expect(pod.container[0].security_context).toEqual({
          run_as_non_root: true,
          read_only_root_filesystem: true,
          allow_privilege_escalation: false,
          privileged: false,
          capabilities: { drop: ["ALL"] },
          seccomp_profile: { type: "RuntimeDefault" },
        });
        expect(pod.automount_service_account_token).toBe(false);
      }
    });

    test("requests and limits", () => {
      expect(mongo.spec.template.spec.container[0].resources).toEqual({
        requests: { cpu: "250m", memory: "512Mi" },
        limits: { cpu: "1000m", memory: "1024Mi" },
      });
      expect(redis.spec.template.spec.container[0].resources).toEqual({
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "500m", memory: "256Mi" },
      });
      expect(layer.resources.mongo.limits).toEqual({ cpuMillis: 1000, memoryMiB: 1024 });
    });

    test("writable scratch only where the servers write outside their volume", () => {
      expect(mongo.spec.template.spec.container[0].volume_mount.map((m: { mount_path: string }) => m.mount_path)).toEqual(["/data/db", "/tmp", "/data/configdb"]);
      expect(redis.spec.template.spec.container[0].args).toEqual(["redis-server", "--appendonly", "yes", "--dir", "/data", "--protected-mode", "no"]);
      expect(mongo.spec.template.spec.container[0].args).toEqual(["mongod", "--bind_ip_all", "--dbpath", "/data/db"]);
    });

    test("headless Services that govern the StatefulSets", () => {
      const services = resourcesOf(json, "kubernetes_service_v1") as Record<string, any>[];
      expect(services.map((s) => [s.metadata.name, s.spec.cluster_ip, s.spec.port[0].port]).sort()).toEqual([
        ["mongodb", "None", 27017],
        ["redis", "None", 6379],
      ]);
      expect(mongo.spec.service_name).toBe("mongodb");
      expect(redis.spec.service_name).toBe("redis");
    });

    test("Secret omega-secrets with the managed tiers' keys, pointing at the in-cluster services, no password", () => {
      const secret = onlyResource(json, "kubernetes_secret_v1");
      expect(secret.metadata).toMatchObject({ name: "omega-secrets", namespace: "platform" });
      expect(secret.data).toEqual({
        "mongodb-uri": "mongodb://mongodb.platform.svc.cluster.local:27017/omega",
        "redis-url": "redis://redis.platform.svc.cluster.local:6379/0",
      });
    });

    test("the same connection contract as the managed tiers", () => {
      expect(layer.connection).toEqual({ secretName: "omega-secrets", keys: DATA_LAYER_SECRET_KEYS });
      expect(layer.connection.secretsStore).toBeUndefined();
    });
  });

  describe("overrides", () => {
    test("namespace, sizes, storage class, resources, database and Secret name", () => {
      const { json, layer } = synth({
        namespace: "data",
        mongoStorageGiB: 20,
        redisStorageGiB: 2,
        storageClassName: "standard",
        redisResources: { requests: { cpuMillis: 50, memoryMiB: 64 }, limits: { cpuMillis: 100, memoryMiB: 128 } },
        databaseName: "dev",
        secretName: "data-secrets",
      });
      const mongo = statefulSet(json, "mongodb");
      expect(mongo.spec.volume_claim_template[0].spec).toMatchObject({ storage_class_name: "standard", resources: { requests: { storage: "20Gi" } } });
      expect(statefulSet(json, "redis").spec.template.spec.container[0].resources.limits).toEqual({ cpu: "100m", memory: "128Mi" });
      expect(onlyResource(json, "kubernetes_secret_v1")).toMatchObject({
        metadata: { name: "data-secrets", namespace: "data" },
        data: { "mongodb-uri": "mongodb://mongodb.data.svc.cluster.local:27017/dev" },
      });
      expect(layer.connection.secretName).toBe("data-secrets");
    });

    test("images", () => {
      const { json } = synth({ mongoImage: "mongo:7.0.14", redisImage: "redis:7.2.5" });
      expect(statefulSet(json, "mongodb").spec.template.spec.container[0].image).toBe("mongo:7.0.14");
      expect(statefulSet(json, "redis").spec.template.spec.container[0].image).toBe("redis:7.2.5");
    });
  });

  describe("validation", () => {
    test("fails on an unpinned image", () => {
      expect(build({ mongoImage: "mongo:latest" })).toThrow(
        'test/Data: invalid mongoImage "mongo:latest": expected an image pinned to a version tag or a digest, never :latest or untagged',
      );
      expect(build({ redisImage: "redis" })).toThrow('test/Data: invalid redisImage "redis"');
    });

    test("fails on a zero-sized volume", () => {
      expect(build({ mongoStorageGiB: 0 })).toThrow("test/Data: invalid mongoStorageGiB 0: expected an integer from 1 to 65536");
    });

    test("fails on limits below requests", () => {
      expect(build({ mongoResources: { requests: { cpuMillis: 500, memoryMiB: 512 }, limits: { cpuMillis: 250, memoryMiB: 512 } } })).toThrow(
        "test/Data: invalid mongoResources.limits.cpuMillis 250: expected at least mongoResources.requests.cpuMillis (500)",
      );
    });

    test("fails on a namespace Kubernetes refuses", () => {
      expect(build({ namespace: "Platform" })).toThrow('test/Data: invalid namespace "Platform": expected a DNS-1123 label');
    });

    test("fails on a database name MongoDB refuses", () => {
      expect(build({ databaseName: "my db" })).toThrow('test/Data: invalid databaseName "my db": expected 1-63 letters, digits, hyphens or underscores');
    });
  });
});
