//! End-to-end tests: the real launcher host runs real components against
//! real HTTP servers on 127.0.0.1 (the simulator, recorded responses of a
//! real Authentik, or scripted failure servers).

mod support;

mod cli;
mod permissions;
mod recorded;
mod sandbox;
mod upstream;
mod versions;
