import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { AUTH_OPTIONS, type AuthOptions } from '../../../apps/api/src/auth/auth.guards.js';

/** A socket.io gateway as the running app declares it: its namespace and its client→server events. */
export interface GatewayInfo {
  name: string;
  namespace: string;
  events: string[];
}

/** An HTTP route as the running app declares it, with its @Auth options. */
export interface RouteInfo {
  method: string;
  path: string;
  auth: AuthOptions | null;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

function instances(app: INestApplication): object[] {
  const found = new Set<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of [...module.providers.values(), ...module.controllers.values()]) {
      const instance = wrapper.instance as object | null | undefined;
      if (instance && typeof instance === 'object') found.add(instance);
    }
  }
  return [...found];
}

function methodNames(instance: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return [...names];
}

/**
 * Every gateway and its @SubscribeMessage events, read from Nest's metadata at run time, so a
 * gateway added by any feature is covered without editing the tests.
 */
export function discoverGateways(app: INestApplication): GatewayInfo[] {
  const gateways: GatewayInfo[] = [];
  for (const instance of instances(app)) {
    const type = instance.constructor;
    if (!Reflect.getMetadata('websockets:is_gateway', type)) continue;
    const options = (Reflect.getMetadata('websockets:gateway_options', type) ?? {}) as { namespace?: unknown };
    const namespace = typeof options.namespace === 'string' ? options.namespace : '/';
    const events: string[] = [];
    for (const name of methodNames(instance)) {
      const method = (instance as Record<string, unknown>)[name];
      if (typeof method !== 'function') continue;
      if (!Reflect.getMetadata('websockets:message_mapping', method)) continue;
      const message: unknown = Reflect.getMetadata('message', method);
      if (typeof message === 'string') events.push(message);
    }
    gateways.push({ name: type.name, namespace: namespace.startsWith('/') ? namespace : `/${namespace}`, events });
  }
  return gateways;
}

/** Every controller route with its @Auth options (null when the route has no @Auth). */
export function discoverRoutes(app: INestApplication, prefix = '/api'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const instance of instances(app)) {
    const type = instance.constructor;
    const controllerPath: unknown = Reflect.getMetadata('path', type);
    if (controllerPath === undefined || Reflect.getMetadata('websockets:is_gateway', type)) continue;
    const classAuth = (Reflect.getMetadata(AUTH_OPTIONS, type) ?? null) as AuthOptions | null;
    for (const name of methodNames(instance)) {
      const handler = (instance as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const methodPath: unknown = Reflect.getMetadata('path', handler);
      const method: unknown = Reflect.getMetadata('method', handler);
      if (methodPath === undefined || typeof method !== 'number') continue;
      const auth = (Reflect.getMetadata(AUTH_OPTIONS, handler) ?? classAuth) as AuthOptions | null;
      const parts = [prefix, String(controllerPath), String(methodPath)].map((p) => p.replace(/^\/+|\/+$/g, ''));
      routes.push({ method: METHODS[method] ?? 'GET', path: '/' + parts.filter(Boolean).join('/'), auth });
    }
  }
  return routes;
}
