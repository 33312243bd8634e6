using Jamcart.Storage.Sqlite;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

namespace Jamcart.Storage.Tests.Unit;

public sealed class NetworkFileSystemsTests
{
    // Lines as /proc/self/mountinfo writes them (proc(5)): optional fields, then " - ", then type, source, options.
    private static readonly string[] MountInfo =
    [
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro",
        "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
        "30 22 0:45 / /mnt/shop rw,relatime shared:30 - nfs4 fileserver:/export/shop rw,vers=4.2,addr=10.0.0.5",
        "31 30 8:17 / /mnt/shop/local rw,relatime shared:31 - xfs /dev/sdb1 rw",
        "32 22 0:46 / /srv/smb\\040share rw,relatime - cifs //nas/share rw,vers=3.0",
        "33 22 0:47 / /home/dev/remote rw,nosuid,nodev,relatime shared:40 master:2 - fuse.sshfs dev@host:/data rw,user_id=0",
        "34 22 0:48 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs",
        "35 22 0:49 / /data rw,relatime - tmpfs tmpfs rw",
        "36 22 0:50 / /data rw,relatime - nfs server:/data rw",
    ];

    [Theory]
    [InlineData("/mnt/shop/store.db", "nfs4")]
    [InlineData("/mnt/shop", "nfs4")]
    [InlineData("/mnt/shop/deeper/still/store.db", "nfs4")]
    [InlineData("/srv/smb share/store.db", "cifs")]
    [InlineData("/home/dev/remote/store.db", "fuse.sshfs")]
    [InlineData("/mnt/c/Users/dev/store.db", "9p")]
    [InlineData("/data/store.db", "nfs")]
    public void a_path_under_a_network_mount_is_found(string path, string type) =>
        NetworkFileSystems.FindNetworkType(path, MountInfo).ShouldBe(type);

    [Theory]
    [InlineData("/var/lib/jamcart/store.db")]
    [InlineData("/mnt/shop/local/store.db")]
    [InlineData("/mnt/shopping/store.db")]
    [InlineData("/srv/smb/store.db")]
    public void a_path_on_a_local_mount_is_not(string path) =>
        NetworkFileSystems.FindNetworkType(path, MountInfo).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1 2 3:4 / /x rw")]
    public void unreadable_lines_are_ignored(string line) =>
        NetworkFileSystems.FindNetworkType("/x/store.db", [line]).ShouldBeNull();

    [Fact]
    public void the_machines_own_temporary_folder_is_local() =>
        Should.NotThrow(() => NetworkFileSystems.EnsureLocal(Path.Combine(Path.GetTempPath(), "store.db")));

    [Theory]
    [InlineData(@"sqlite:\\fileserver\shop\store.db", true)]
    [InlineData(@"Data Source=\\fileserver\shop\store.db", true)]
    [InlineData(@"sqlite:\\fileserver\shop\store.db", false)]
    [InlineData(@"Data Source=\\fileserver\shop\store.db", false)]
    public async Task sqlite_refuses_a_database_on_a_network_share(string connectionString, bool create)
    {
        // Without create, before looking for the file: the share is the problem, not a missing file.
        var error = await Should.ThrowAsync<ArgumentException>(() =>
            CheckoutDatabase.OpenAsync(connectionString, new FakeTimeProvider(), create: create, cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("network share");
        error.Message.ShouldContain("PostgreSQL");
    }
}
