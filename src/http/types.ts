// The Hono environment shared by every route: the Worker's bindings, typed once.
export interface AppEnv {
  Bindings: Env;
}
