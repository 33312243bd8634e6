using Jamcart.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
