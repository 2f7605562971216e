//! `poc-low-work-factor`: the `poc` command line, except that the keystores it writes use the
//! low scrypt work factor of `poc_keys::low_work_factor`. The end-to-end harness creates its
//! identities with it so that every later command (run with the real `poc`) opens them
//! quickly. Never use it for a real identity.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    poc_keys::low_work_factor::use_for_new_keystores_in_this_process();
    poc_client::cli::main()
}
