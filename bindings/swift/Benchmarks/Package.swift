// swift-tools-version:6.0
//
// Load + validate of a registry file through the Swift bindings, timed: the figure bindings/swift/bench.sh
// compares with the Rust one. A package of its own beside the KeHoach package (which it depends on by path),
// so that an app that adds KeHoach gets no benchmark product. Build it in release mode:
//   swift build -c release --package-path bindings/swift/Benchmarks -Xlinker -L<dir of libkehoach_ffi.so>
import PackageDescription

let package = Package(
    name: "KeHoachBenchmarks",
    dependencies: [.package(name: "KeHoach", path: "..")],
    targets: [
        .executableTarget(
            name: "kehoach-bench",
            dependencies: [.product(name: "KeHoach", package: "KeHoach")],
            path: "Sources/kehoach-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
