using System.Net;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>Issue 18: the circuits diagnostics answer a caller on this machine only, and never one relayed by a proxy.</summary>
public class CircuitDiagnosticsTests
{
    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("127.0.0.2", null, true)]
    [InlineData("192.0.2.10", null, false)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("::ffff:192.0.2.10", null, false)]
    [InlineData("127.0.0.1", "X-Forwarded-For", false)]
    [InlineData("127.0.0.1", "Forwarded", false)]
    public void Only_a_loopback_caller_without_forwarding_headers_may_read_them(string remote, string? header, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (header is not null)
        {
            context.Request.Headers[header] = "203.0.113.7";
        }

        Assert.Equal(expected, CircuitDiagnostics.MayAnswer(context));
    }

    [Fact]
    public void A_caller_without_an_address_may_not()
    {
        Assert.False(CircuitDiagnostics.MayAnswer(new DefaultHttpContext()));
    }
}
