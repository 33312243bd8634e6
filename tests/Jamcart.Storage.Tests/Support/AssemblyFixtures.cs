using Jamcart.Testing;

// One PostgreSQL server for the whole test run; each test creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
