using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommunityPartyBuilding.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>Issue 14: the Data Protection keys (cookies, 2FA state) are encrypted at rest with the configured certificate.</summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("portal-dp-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Certificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CommunityPartyBuilding Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder.FullName, "dp.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private ServiceProvider Build(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("CommunityPartyBuilding").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder.FullName, "keys")));
        PortalServiceCollectionExtensions.ProtectKeysAtRest(builder, configuration, new HostingEnvironment { EnvironmentName = environment });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void With_a_certificate_the_stored_key_is_encrypted_and_still_unprotects()
    {
        var path = Certificate("s3cret-pfx");
        using (var provider = Build(Environments.Production, new()
        {
            ["Portal:DataProtection:CertificatePath"] = path,
            ["Portal:DataProtection:CertificatePassword"] = "s3cret-pfx",
        }))
        {
            var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            var sealedText = protector.Protect("会话");
            Assert.Equal("会话", protector.Unprotect(sealedText));
        }

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(folder.FullName, "keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);

        // A second process with the same certificate reads the stored key.
        using var again = Build(Environments.Production, new()
        {
            ["Portal:DataProtection:CertificatePath"] = path,
            ["Portal:DataProtection:CertificatePassword"] = "s3cret-pfx",
        });
        var reader = again.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("会话", reader.Unprotect(reader.Protect("会话")));
        Assert.Single(Directory.GetFiles(Path.Combine(folder.FullName, "keys"), "key-*.xml"));
    }

    [Fact]
    public void Production_refuses_to_start_without_a_certificate_unless_told_it_is_a_demonstration()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(Environments.Production, []));
        Assert.Contains("Portal:DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);

        using var demo = Build(Environments.Production, new() { ["Portal:DataProtection:AllowUnencryptedKeys"] = "true" });
        using var development = Build(Environments.Development, []);
    }

    [Fact]
    public void A_wrong_certificate_password_stops_the_start()
    {
        var path = Certificate("right");
        Assert.ThrowsAny<CryptographicException>(() => Build(Environments.Production, new()
        {
            ["Portal:DataProtection:CertificatePath"] = path,
            ["Portal:DataProtection:CertificatePassword"] = "wrong",
        }));
    }
}
