using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Tests.Admission;

public sealed class AdmissionOptionsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new AdmissionOptions().Problems());
    }

    [Theory]
    [InlineData("label key", "Admission:VirtualNodeLabelKey is \"bad key\"")]
    [InlineData("label value", "Admission:VirtualNodeLabelValue is \"virtual kubelet\"")]
    [InlineData("taint key", "Admission:TaintKey is \"\"")]
    [InlineData("taint value", "Admission:TaintValue is \"-x\"")]
    [InlineData("effect", "Admission:TaintEffect is \"noschedule\"; set NoSchedule")]
    [InlineData("weight", "Admission:BurstPreferenceWeight is 101; set a weight from 1 to 100.")]
    public void Problems_MalformedValue_SaysWhichAndHowToFix(string what, string expected)
    {
        var options = new AdmissionOptions();
        switch (what)
        {
            case "label key": options.VirtualNodeLabelKey = "bad key"; break;
            case "label value": options.VirtualNodeLabelValue = "virtual kubelet"; break;
            case "taint key": options.TaintKey = ""; break;
            case "taint value": options.TaintValue = "-x"; break;
            case "effect": options.TaintEffect = "noschedule"; break;
            case "weight": options.BurstPreferenceWeight = 101; break;
        }

        Assert.StartsWith(expected, Assert.Single(options.Problems()), StringComparison.Ordinal);
    }
}
