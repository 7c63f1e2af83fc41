namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>Marks a use-case handler; <c>AddFeatures()</c> registers every one as scoped.</summary>
public interface IHandler;
