import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_KIND_METADATA, type JobKind } from './job-kind';

const KIND_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Every provider marked `@JobKindProvider()`, found at start-up, by kind name. */
@Injectable()
export class JobKindRegistry implements OnModuleInit {
  private readonly kinds = new Map<string, JobKind>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (instance === null || instance === undefined || typeof metatype !== 'function') continue;
      if (this.reflector.get<boolean | undefined>(JOB_KIND_METADATA, metatype) !== true) continue;
      this.add(instance as JobKind);
    }
  }

  /** Also used by specs that register a kind by hand. */
  add(kind: JobKind): void {
    if (!KIND_NAME.test(kind.kind)) throw new Error(`job kind "${kind.kind}" must be kebab-case`);
    const existing = this.kinds.get(kind.kind);
    // The same provider can be reached through two modules; two different classes is a mistake.
    if (existing !== undefined && existing !== kind) throw new Error(`job kind "${kind.kind}" is registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  get(kind: string): JobKind | undefined {
    return this.kinds.get(kind);
  }

  all(): JobKind[] {
    return [...this.kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
