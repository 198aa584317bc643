fn main() {
    // The bundled library is embedded with include_dir; rebuild when it changes.
    println!("cargo:rerun-if-changed=assets/library");
}
