// The shapes cchc-core and cchc-api send and take, generated from the Rust types by ts-rs into
// ./bindings (scripts/gen-bindings.sh). Nothing here is written by hand: change the Rust type.

export type * from './bindings';
