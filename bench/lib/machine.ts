import { cpus, totalmem, platform, release, arch } from 'node:os';

/** The details of the machine a bench ran on, stored next to its figures. */
export interface MachineDetails {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  hyperfine?: string;
}

/** Reads CPU model, core count, memory and the Node version from the running process. */
export function machineDetails(hyperfineVersion?: string): MachineDetails {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    ...(hyperfineVersion ? { hyperfine: hyperfineVersion } : {}),
  };
}
