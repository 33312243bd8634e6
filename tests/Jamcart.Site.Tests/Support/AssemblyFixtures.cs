using Jamcart.Testing;

// One S3-compatible server for the whole run; each test publishes to a bucket of its own.
[assembly: AssemblyFixture(typeof(S3Server))]
