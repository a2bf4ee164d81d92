// Drives the local ECI service with Alibaba's own RPC client, @alicloud/pop-core, to check wire fidelity:
// create (form POST), describe (GET), read logs, delete, and one refused call. Prints one JSON summary line.
// Usage: ECI_ENDPOINT=http://127.0.0.1:PORT ECI_ACCESS_KEY=id ECI_SECRET_KEY=secret node roundtrip.js
'use strict';
const RPCClient = require('@alicloud/pop-core').RPCClient;

async function main() {
  const client = new RPCClient({
    endpoint: process.env.ECI_ENDPOINT.replace(/\/$/, ''),
    apiVersion: '2018-08-08',
    accessKeyId: process.env.ECI_ACCESS_KEY,
    accessKeySecret: process.env.ECI_SECRET_KEY,
  });
  const region = process.env.ECI_REGION || 'cn-hangzhou';
  const created = await client.request('CreateContainerGroup', {
    RegionId: region,
    ContainerGroupName: 'popcore-roundtrip',
    RestartPolicy: 'Never',
    Container: [{ Name: 'app', Image: 'busybox:1.36', Command: ['/bin/sh', '-c', 'echo hello from pop-core; echo second line'] }],
  }, { method: 'POST' });
  const id = created.ContainerGroupId;
  const described = await client.request('DescribeContainerGroups', { RegionId: region, ContainerGroupIds: JSON.stringify([id]) });
  const log = await client.request('DescribeContainerLog', { RegionId: region, ContainerGroupId: id, ContainerName: 'app' }, { method: 'POST' });
  await client.request('DeleteContainerGroup', { RegionId: region, ContainerGroupId: id }, { method: 'POST' });
  const after = await client.request('DescribeContainerGroups', { RegionId: region, ContainerGroupIds: JSON.stringify([id]) });
  let refused = null;
  try {
    await client.request('DeleteContainerGroup', { RegionId: region, ContainerGroupId: id });
  } catch (e) {
    refused = e.code;
  }
  console.log(JSON.stringify({
    id,
    status: described.ContainerGroups[0].Status,
    command: described.ContainerGroups[0].Containers[0].Commands,
    log: log.Content,
    remaining: after.TotalCount,
    refused,
  }));
}

main().catch((e) => {
  console.error(`pop-core call failed: ${e.code || ''} ${e.message}`);
  process.exit(1);
});
