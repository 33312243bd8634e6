namespace Jamcart.Storage.Migrations;

/// <summary>One schema version: its name (<c>0001_initial</c>) and the SQL it runs, shared script first.</summary>
internal sealed record Migration(string Name, IReadOnlyList<string> Scripts);
